package io.openmessaging.local;

import static io.openmessaging.local.LocalDriverFixture.bytes;
import static io.openmessaging.local.LocalDriverFixture.consumer;
import static io.openmessaging.local.LocalDriverFixture.drain;
import static io.openmessaging.local.LocalDriverFixture.numbered;
import static io.openmessaging.local.LocalDriverFixture.open;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.producer.Producer;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class FsyncPolicyTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"never", "interval", "always"})
    void everyPolicyStoresAndReadsBack(String fsync) {
        MessagingAccessPoint mq = open(dir, "fsync=" + fsync, "fsync.interval.ms=10", "segment.bytes=2048");
        try {
            Producer producer = mq.createProducer();
            for (int i = 0; i < 100; i++) {
                if (i % 2 == 0) {
                    producer.send(producer.createBytesMessage("q", bytes("m" + i)));
                } else {
                    producer.sendAsync(producer.createBytesMessage("q", bytes("m" + i))).get(5000);
                }
            }
        } finally {
            mq.shutdown();
        }
        MessagingAccessPoint reopened = open(dir);
        try {
            assertEquals(numbered("m", 0, 100), drain(consumer(reopened, "g", "q"), true));
        } finally {
            reopened.shutdown();
        }
    }
}
