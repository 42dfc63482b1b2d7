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
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "%d,%.9g,%.9g,%.9g,%.17g", r.epoch, r.train_loss, r.val_loss,
                r.val_acc, r.lr);
  return buffer;
}

std::string format_lr(double lr) { return number_text(lr, 17); }

}  // namespace lrplay
