#include <iostream>

#include "cli.hpp"

int main(int argc, char** argv) {
  return lrplay::run_cli({argv + 1, argv + argc}, std::cin, std::cout, std::cerr);
}
