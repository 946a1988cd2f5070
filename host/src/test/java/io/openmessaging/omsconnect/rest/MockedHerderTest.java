package io.openmessaging.omsconnect.rest;

import io.openmessaging.omsconnect.herder.Herder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import static org.mockito.Mockito.reset;

/** One real REST server per test class in front of a mocked herder, reset before each test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MockedHerderTest {
    protected final Herder herder = RestHarness.mockHerder();
    protected final RestHarness rest = new RestHarness(herder);

    @BeforeEach
    void resetHerder() {
        reset(herder);
    }

    @AfterAll
    void stopServer() {
        rest.close();
    }
}
