// Text forms of a run's results, shared by the CLI and the page so both print the same thing.
#pragma once

#include <string>

#include "trainer.hpp"

namespace lrplay {

// The lesson's print: f"Epoch [{epoch}/{epochs}], LR: {lr:.6f}".
std::string lesson_line(int epoch, int epochs, double lr);

// The lesson prints after every tenth epoch.
inline bool lesson_prints(int epoch) { return epoch % 10 == 0; }

// "epoch,train_loss,val_loss,val_acc,lr": every number in the shortest text that reads back as
// the same value in its own type (float32 losses and accuracy, double rates).
std::string csv_header();
std::string csv_row(const EpochRecord& record);

std::string format_lr(double lr);  // shortest round-trip text

}  // namespace lrplay
