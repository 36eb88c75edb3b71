package dev.saturn.flamegraph.parse;

import dev.saturn.flamegraph.folded.StackSink;
import java.io.IOException;
import java.io.InputStream;

/** One stack format in: reads an input whole and hands every stack it finds to the sink. */
public interface StackParser {
    /** Lines it could not use are counted, not thrown: the caller reports them once. */
    ParseStats parse(InputStream in, StackSink sink) throws IOException;
}
