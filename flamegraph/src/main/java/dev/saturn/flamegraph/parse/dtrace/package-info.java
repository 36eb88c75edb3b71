/** DTrace and SystemTap aggregated stacks: frame lines leaf first, closed by a count line. */
package dev.saturn.flamegraph.parse.dtrace;
