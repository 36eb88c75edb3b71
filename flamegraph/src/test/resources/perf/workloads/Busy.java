import java.util.*;
/** A small JIT-compiled workload for a perf fixture. */
public class Busy {
    static long sink;
    static long hashWords(List<String> words) { long h = 0; for (String w : words) h = h * 31 + w.hashCode(); return h; }
    static List<String> makeWords(int n) { List<String> l = new ArrayList<>(); for (int i = 0; i < n; i++) l.add("w" + (i * 7919 % 100000)); return l; }
    static void sortWords(List<String> words) { Collections.sort(words); }
    static Map<String, Integer> countWords(List<String> words) { Map<String, Integer> m = new HashMap<>(); for (String w : words) m.merge(w, 1, Integer::sum); return m; }
    public static void main(String[] a) throws Exception {
        long end = System.nanoTime() + Long.parseLong(a[0]) * 1_000_000L;
        while (System.nanoTime() < end) {
            List<String> w = makeWords(20000);
            sink += hashWords(w);
            sortWords(w);
            sink += countWords(w).size();
        }
        System.out.println(sink);
        Thread.sleep(Long.parseLong(a[1]));
    }
}
