// The `lrplay` command line, as a function so tests can run the exact commands the golden files
// name without spawning a process.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace lrplay {

// Exit codes: 0 success, 2 bad usage or input (nothing on `out`), 3 training diverged (the rows
// up to the last finite epoch on `out`, the reason on `err`; for schedule, a rate or momentum that
// is no longer finite).
int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
            std::ostream& err);

}  // namespace lrplay
