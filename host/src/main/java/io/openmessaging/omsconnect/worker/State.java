package io.openmessaging.omsconnect.worker;

/** Runtime state of a connector or a task, as Kafka Connect names them. */
public enum State { UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED }
