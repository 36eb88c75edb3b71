package dev.saturn.analyzers.jvm;

/** A method's execution samples: on top of the stack (self) and anywhere in it (total). */
public record MethodHeat(String method, long self, long total) {
}
