#include "format.hpp"

#include <cstdio>

#include "text.hpp"

namespace lrplay {

std::string lesson_line(int epoch, int epochs, double lr) {
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "Epoch [%d/%d], LR: %.6f", epoch, epochs, lr);
  return buffer;
}

std::string csv_header() { return "epoch,train_loss,val_loss,val_acc,lr"; }

std::string csv_row(const EpochRecord& r) {
  return std::to_string(r.epoch) + "," + shortest_text(r.train_loss) + "," +
         shortest_text(r.val_loss) + "," + shortest_text(r.val_acc) + "," + shortest_text(r.lr);
}

std::string format_lr(double lr) { return shortest_text(lr); }

}  // namespace lrplay
