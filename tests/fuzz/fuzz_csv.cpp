// libFuzzer target: parse_csv must answer any bytes with a Dataset or a DataError, nothing else.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "dataset.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const lrplay::Dataset d = lrplay::parse_csv(text, "fuzz");
    // A dataset that parses must be usable as-is by the trainer.
    if (d.num_samples() < 1 || d.num_features() < 1 || d.num_classes < 2) std::abort();
    for (int label : d.y) {
      if (label < 0 || label >= d.num_classes) std::abort();
    }
    if (!d.x.allFinite()) std::abort();
    // Class names: none, or one per class; when the column holds them, sorted and different
    // (np.unique's).
    if (!d.class_names.empty() && d.class_names.size() != static_cast<std::size_t>(d.num_classes))
      std::abort();
    // A note on the class column is only ever about a column of names.
    if (!d.class_note.empty() && !d.class_column_holds_names) std::abort();
    if (d.class_column_holds_names) {
      if (d.class_names.empty()) std::abort();
      for (std::size_t k = 1; k < d.class_names.size(); ++k) {
        if (!(d.class_names[k - 1] < d.class_names[k])) std::abort();
      }
    }
  } catch (const lrplay::DataError&) {
    // the expected answer to bad input
  }
  return 0;
}
