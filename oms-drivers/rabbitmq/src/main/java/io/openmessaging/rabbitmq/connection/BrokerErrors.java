package io.openmessaging.rabbitmq.connection;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.MalformedFrameException;
import com.rabbitmq.client.ShutdownSignalException;
import io.openmessaging.exception.OMSRuntimeException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/** Turns the client's exceptions into OMS exceptions whose message says what failed and why, in one line. */
public final class BrokerErrors {
    private BrokerErrors() {
    }

    /** {@code action} reads like "connect to RabbitMQ at x" or "publish to exchange 'T'". */
    public static OMSRuntimeException failed(String action, Throwable error) {
        return new OMSRuntimeException("-1", "Failed to " + action + ": " + reason(error), error);
    }

    /** The most telling cause of a client failure, for humans. */
    public static String reason(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationFailureException) {
                return "authentication failed (" + cause.getMessage() + ")";
            }
            if (cause instanceof ConnectException) {
                return "connection refused (" + cause.getMessage() + "); is RabbitMQ running there?";
            }
            if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
                return "timed out (" + cause.getMessage() + ")";
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host " + cause.getMessage();
            }
            if (cause instanceof MalformedFrameException) {
                return "the peer does not speak AMQP 0-9-1, is it RabbitMQ? (" + cause.getMessage() + ")";
            }
            if (cause instanceof ShutdownSignalException signal && !(cause instanceof AlreadyClosedException)
                    && signal.getReason() != null) {
                return "closed by " + (signal.isInitiatedByApplication() ? "the client" : "the broker")
                        + ": " + describe(signal.getReason());
            }
        }
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }

    private static String describe(Object reason) {
        if (reason instanceof com.rabbitmq.client.AMQP.Channel.Close close) {
            return close.getReplyCode() + " " + close.getReplyText();
        }
        if (reason instanceof com.rabbitmq.client.AMQP.Connection.Close close) {
            return close.getReplyCode() + " " + close.getReplyText();
        }
        return String.valueOf(reason);
    }
}
