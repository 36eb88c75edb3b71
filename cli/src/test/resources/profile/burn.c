/* A native CPU burner for saturn profile tests: compiled at test time with gcc -O1 -fno-omit-frame-pointer. */
volatile unsigned long sink;
__attribute__((noipa)) void saturn_burn_leaf(unsigned long n) { for (unsigned long i = 0; i < n; i++) sink += i * 31; }
__attribute__((noipa)) void saturn_burn_outer(void) { saturn_burn_leaf(1000000); }
int main(void) { for (;;) saturn_burn_outer(); }
