// A small C++ workload whose hot frames have parentheses inside their names: std::function's
// operator(), a lambda's handler, a template instantiated on a function type.
#include <cstdlib>
#include <functional>
#include <iostream>
#include <vector>

namespace {
volatile unsigned long sink;

template <typename F>
__attribute__((noinline)) unsigned long apply_all(const std::vector<F>& fs, int a, int b) {
    unsigned long s = 0;
    for (const auto& f : fs) s += f(a, b);
    return s;
}
}  // namespace

__attribute__((noinline)) int mix(int a, int b) {
    unsigned x = a;
    for (int i = 0; i < 400; i++) x = x * 1103515245u + b;
    return static_cast<int>(x);
}

int main(int argc, char** argv) {
    int rounds = argc > 1 ? std::atoi(argv[1]) : 200000;
    std::vector<std::function<int(int, int)>> fs;
    fs.push_back([](int a, int b) { return mix(a, b); });
    fs.push_back(mix);
    for (int i = 0; i < rounds; i++) sink += apply_all(fs, i, 7);
    std::cout << sink << std::endl;
}
