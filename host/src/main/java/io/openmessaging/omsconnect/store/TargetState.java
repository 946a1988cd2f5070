package io.openmessaging.omsconnect.store;

/** What the user asked a connector to be; the runtime status may differ (e.g. FAILED). */
public enum TargetState { STARTED, PAUSED, STOPPED }
