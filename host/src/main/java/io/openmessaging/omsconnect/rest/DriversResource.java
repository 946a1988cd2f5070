package io.openmessaging.omsconnect.rest;

import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.rest.entity.DriverEntity;
import io.openmessaging.omsconnect.rest.http.Reply;
import io.openmessaging.omsconnect.rest.http.Router;

/** {@code GET /drivers}: {@code [{"name", "plugin", "class", "urls_in_use", "features"?}]}, passwords in URLs masked. */
final class DriversResource {
    private final Herder herder;

    DriversResource(Herder herder) {
        this.herder = herder;
    }

    void register(Router router) {
        router.get("/drivers", call -> Reply.ok(herder.drivers().stream().map(DriverEntity::of).toList()));
    }
}
