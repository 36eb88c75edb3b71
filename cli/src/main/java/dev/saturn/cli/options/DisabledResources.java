package dev.saturn.cli.options;

import dev.saturn.analyzers.use.ResourceAnalyzers;
import dev.saturn.cli.common.UserException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** --disable RESOURCE of `saturn use` and `saturn agent`: resources left out of the report, as node_exporter's --no-collector.NAME. */
public final class DisabledResources {
    @Option(names = "--disable", paramLabel = "RESOURCE", completionCandidates = Names.class,
            description = "Leave this resource out: not analysed, absent from the table, JSON and /metrics (repeatable): ${COMPLETION-CANDIDATES}.")
    List<String> disabled;

    /** The resources named, checked: an unknown one is a one-line error that lists them. */
    public Set<String> resources() {
        if (disabled == null) {
            return Set.of();
        }
        for (String resource : disabled) {
            if (!ResourceAnalyzers.names().contains(resource)) {
                throw new UserException("--disable " + resource + ": no such resource; the resources are "
                        + String.join(", ", ResourceAnalyzers.names()));
            }
        }
        return Set.copyOf(disabled);
    }

    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ResourceAnalyzers.names().iterator();
        }
    }
}
