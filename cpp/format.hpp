// Text forms of a run's results, shared by the CLI and the page so both print the same thing.
#pragma once

#include <string>

#include "trainer.hpp"

namespace lrplay {

// The lesson's print: f"Epoch [{epoch}/{epochs}], LR: {lr:.6f}".
std::string lesson_line(int epoch, int epochs, double lr);

// The lesson prints after every tenth epoch.
inline bool lesson_prints(int epoch) { return epoch % 10 == 0; }

// "epoch,train_loss,val_loss,val_acc,lr": float32 values with 9 significant digits (enough to
// round-trip), rates with 17 (a double's).
std::string csv_header();
std::string csv_row(const EpochRecord& record);

std::string format_lr(double lr);  // %.17g

}  // namespace lrplay
