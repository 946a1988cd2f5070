package io.openmessaging.local;

import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.producer.Producer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child process of {@link CrashTest}: sends 0, 1, 2, ... to queue "numbers" with synchronous sends
 * and prints "ACK n" after each send returned, until it is killed.
 */
public final class CrashingProducer {

    private CrashingProducer() {
    }

    public static void main(String[] args) {
        MessagingAccessPoint mq = LocalDriverFixture.open(Path.of(args[0]), "segment.bytes=65536");
        Producer producer = mq.createProducer();
        for (long i = 0; i < Long.MAX_VALUE; i++) {
            producer.send(producer.createBytesMessage("numbers", String.valueOf(i).getBytes(StandardCharsets.UTF_8)));
            System.out.println("ACK " + i);
        }
    }
}
