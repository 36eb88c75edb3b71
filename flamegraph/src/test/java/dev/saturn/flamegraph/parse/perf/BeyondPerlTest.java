package dev.saturn.flamegraph.parse.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Where saturn's perf collapse departs from stackcollapse-perf.pl, the cases of inferno's collapse-perf suite:
 * samples without call chains, versioned vmlinux and .ko modules, jitdump frames, and --demangle.
 */
class BeyondPerlTest {
    private static final PerfCollapseOptions DEFAULTS = PerfCollapseOptions.defaults();

    @Test
    void perfRecordWithoutDashGGivesOneFrameStacks() {
        String out = Collapse.of(PerfFixturesTest.resource("c-no-callchain.txt"), DEFAULTS).text();
        long total = 0;
        for (String line : out.split("\n")) {
            assertEquals(2, line.split(" ")[0].split(";").length, line);
            total += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
        }
        String input = new String(PerfFixturesTest.resource("c-no-callchain.txt"), StandardCharsets.ISO_8859_1);
        long samples = input.lines().filter(l -> l.contains(" cpu-clock: ")).count();
        assertEquals(samples * 2004008, total, "every sample, at its period");
        assertTrue(out.contains("work;leaf_hash "), out);
    }

    @Test
    void versionedVmlinuxAndKernelModulesAreKernelFrames() {
        String in = "swapper     0 [001] 100.000001:   1000 cycles:\n"
                + "\tffffffffc087cbc9 mlx5e_xdp_handle+0xa9 (/lib/modules/5.4.14/kernel/drivers/net/mlx5_core.ko)\n"
                + "\tffffffffb8f03eaa net_rx_action+0x13a (/usr/lib/debug/boot/vmlinux-5.4.14-cloudflare-2020.1.11)\n"
                + "\tffffffffb88000d4 [unknown] (/usr/lib/debug/boot/vmlinux-5.4.14-cloudflare-2020.1.11)\n\n";
        assertEquals("swapper;[vmlinux-5.4.14-cloudflare-2020.1.11]_[k];net_rx_action_[k];mlx5e_xdp_handle_[k] 1000\n",
                Collapse.of(in, DEFAULTS.withKernel()).text());
        assertEquals("swapper;[vmlinux-5.4.14-cloudflare-2020.1.11];net_rx_action;mlx5e_xdp_handle 1000\n", Collapse.of(in).text());
    }

    @Test
    void jitdumpFramesAreJitFrames() {
        String in = "spshell 31714 451945.594655:   100 cycles: \n"
                + "\t        f719f4a4 fib.smx::fib+0x3c (/tmp/jitted-31714-4145673320.so)\n"
                + "\t        f719f119 fib.smx::main+0x91 (/tmp/jitted-31714-4145672328.so)\n"
                + "\t         8059187 sp::Environment::Invoke+0x307 (/usr/bin/spshell)\n\n";
        assertEquals("spshell;sp::Environment::Invoke;fib.smx::main_[j];fib.smx::fib_[j] 100\n", Collapse.of(in, DEFAULTS.withJit()).text());
    }

    @Test
    void demangleKeepsStdFunctionWholeAndTheDefaultStaysThePerlScripts() {
        byte[] in = PerfFixturesTest.resource("cpp-std-function.txt");
        assertTrue(Collapse.of(in, DEFAULTS.withDemangle()).text().contains(
                ";std::function<int (int, int)>::operator();std::_Function_handler<int (int, int), main::{lambda(int, int)#1}>::_M_invoke;"));
        assertTrue(Collapse.of(in, DEFAULTS).text().contains(";std::function<int ;std::_Function_handler<int ;"));
    }

    @Test
    void demangleSpellsLegacyRustAsRustcDemangle() {
        assertEquals("<std::fs::ReadDir as core::iter::traits::iterator::Iterator>::next",
                RustLegacyNames.demangle("_$LT$std..fs..ReadDir$u20$as$u20$core..iter..traits..iterator..Iterator$GT$::next::hc14f1750ca79129b"));
        assertEquals("rg::search_parallel::{{closure}}::{{closure}}",
                RustLegacyNames.demangle("rg::search_parallel::_$u7b$$u7b$closure$u7d$$u7d$::_$u7b$$u7b$closure$u7d$$u7d$::h6e849b55a66fcd85"));
        assertEquals("std::sys::unix::fs::File::open", RustLegacyNames.demangle("std::sys::unix::fs::File::open"));
        assertEquals("_ZN4test1a2bcE", RustLegacyNames.demangle("_ZN4test1a2bcE"));
        String out = Collapse.of(PerfFixturesTest.resource("rust-partial.txt"), DEFAULTS.withDemangle()).text();
        assertTrue(out.contains(";spin::main;<spin::Square<T> as spin::Shape>::area "), out);
        // what c++filt left whole (_ZN...E.llvm.N) stays mangled; the half-demangled names are gone
        assertTrue(!out.contains(";_$LT$") && !out.contains("::h355777eb185ffee2") && out.contains(";spin::count_words"), out);
    }

    @Test
    void cppTidyCutsOnlyTheParameterList() {
        assertEquals("std::function<int (int, int)>::operator()", CppNames.tidy("std::function<int (int, int)>::operator()(int, int) const"));
        assertEquals("ns::operator<<", CppNames.tidy("ns::operator<<(std::ostream&, ns::T const&)"));
        assertEquals("net/http.(*Client).Do", CppNames.tidy("net/http.(*Client).Do"));
        assertEquals("(anonymous namespace)::f", CppNames.tidy("(anonymous namespace)::f(int)"));
    }
}
