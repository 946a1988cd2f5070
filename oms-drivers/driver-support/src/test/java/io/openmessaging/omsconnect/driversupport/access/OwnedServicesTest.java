package io.openmessaging.omsconnect.driversupport.access;

import io.openmessaging.ServiceLifecycle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class OwnedServicesTest {
    private final List<String> shutDown = new ArrayList<>();

    @Test
    void shutdownAllShutsDownEveryServiceInAdoptionOrderAndForgetsThem() {
        OwnedServices owned = new OwnedServices();
        Service first = new Service("first");
        assertSame(first, owned.adopt(first, first::closed));
        Service second = owned.adopt(new Service("second"), () -> false);

        owned.shutdownAll();

        assertEquals(List.of("first", "second"), shutDown);
        assertEquals(0, owned.size());
        owned.shutdownAll();
        assertEquals(List.of("first", "second"), shutDown, "forgotten: not shut down twice");
        assertEquals(true, second.isShutDown());
    }

    @Test
    void aServiceThatFailsToShutDownDoesNotKeepTheOthersUp() {
        OwnedServices owned = new OwnedServices();
        owned.adopt(new Service("broken") {
            @Override
            public void shutdown() {
                throw new IllegalStateException("broken on purpose");
            }
        }, () -> false);
        owned.adopt(new Service("after"), () -> false);

        owned.shutdownAll();

        assertEquals(List.of("after"), shutDown);
        assertEquals(0, owned.size());
    }

    @Test
    void servicesShutDownMeanwhileAreForgottenAtTheNextAdoption() {
        OwnedServices owned = new OwnedServices();
        Service closedByItsUser = owned.adopt(new Service("closed"), () -> true);
        owned.adopt(new Service("open"), () -> false);
        owned.adopt(new Service("newest"), () -> false);

        assertEquals(2, owned.size());
        owned.shutdownAll();
        assertEquals(List.of("open", "newest"), shutDown);
        assertEquals(false, closedByItsUser.isShutDown());
    }

    private class Service implements ServiceLifecycle {
        private final String name;
        private boolean down;

        Service(String name) {
            this.name = name;
        }

        boolean closed() {
            return down;
        }

        boolean isShutDown() {
            return down;
        }

        @Override
        public void startup() {
        }

        @Override
        public void shutdown() {
            down = true;
            shutDown.add(name);
        }
    }
}
