package dev.saturn.collectors.jfr;

/** What {@link RecordingReader} hands over, event by event, in the recording's order; the settings last. */
public interface RecordingListener {
    default void jvm(JvmInfo info) {
    }

    default void setting(EventSetting setting) {
    }

    default void sample(MethodSample sample) {
    }

    default void gc(GcPause pause) {
    }

    default void lockWait(LockWait wait) {
    }
}
