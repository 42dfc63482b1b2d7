// libFuzzer target for the settings parser: each input line is "key=value". set_option/validate
// must answer with a ConfigError or a config the Trainer accepts or refuses with a ConfigError (the
// checks that need the run's step count); a small accepted config is
// trained for two epochs, which must end in records (a diverging one says so), nothing else.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "config.hpp"
#include "dataset.hpp"
#include "trainer.hpp"

namespace {
const lrplay::Dataset& wine() {
  static const lrplay::Dataset data = lrplay::load_csv(LRPLAY_SOURCE_DIR "/data/wine.csv");
  return data;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  lrplay::TrainerConfig config;
  try {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const std::string line = text.substr(start, end - start);
      start = end + 1;
      const std::size_t eq = line.find('=');
      if (eq == std::string::npos) continue;
      lrplay::set_option(config, line.substr(0, eq), line.substr(eq + 1));
    }
    lrplay::validate(config);
  } catch (const lrplay::ConfigError&) {
    return 0;
  }
  int width = 0;
  for (int h : config.hidden) width += h;
  if (width > 64) return 0;  // keeps each run fast; sizes are validated above either way
  config.epochs = 2;
  try {
    lrplay::Trainer trainer(config, wine());
    while (!trainer.finished() && trainer.diverged_at() == 0) trainer.step();
    for (const auto& r : trainer.history()) {
      if (!(r.train_loss >= 0) || !(r.val_loss >= 0) || !(r.lr >= 0)) std::abort();  // no NaN
    }
  } catch (const lrplay::DataError&) {
    // a test_size that leaves a side empty
  } catch (const lrplay::ConfigError&) {
    // what depends on the run's step count, which comes with the data, is checked when the trainer
    // builds the scheduler (OneCycleLR's total_steps against epochs x batches)
  }
  return 0;
}
