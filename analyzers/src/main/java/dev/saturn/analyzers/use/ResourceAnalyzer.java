package dev.saturn.analyzers.use;

import java.util.List;

/** One resource of the USE checklist: its name, and its rows over an interval. */
interface ResourceAnalyzer {
    String resource();

    List<ResourceUse> rows(Context c);
}
