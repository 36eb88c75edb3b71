package dev.saturn.collectors.jfr;

/** jdk.ActiveSetting: one setting of one event type while recording, e.g. jdk.JavaMonitorEnter threshold "20 ms". */
public record EventSetting(String eventType, String name, String value) {
}
