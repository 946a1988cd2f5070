package io.openmessaging.omsconnect.rest;

import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.plugin.PluginDescriptorInfo;
import io.openmessaging.omsconnect.rest.entity.PluginEntity;
import io.openmessaging.omsconnect.rest.http.Call;
import io.openmessaging.omsconnect.rest.http.Reply;
import io.openmessaging.omsconnect.rest.http.Router;

import java.util.List;
import java.util.stream.Stream;

/**
 * Our plugin routes: {@code GET /plugins} (loaded plugins, then entries not loaded), {@code POST /plugins} (upload, see {@link PluginUpload}) → 201,
 * {@code GET /plugins/{id}}, {@code DELETE /plugins/{id}[?force=true]} → 204 (409 while in use unless
 * forced), {@code POST /plugins/{id}/reload} → 200. Bodies are {@link PluginEntity}.
 */
final class PluginsResource {
    private final Herder herder;
    private final PluginUpload upload;

    PluginsResource(WorkerConfig config, Herder herder) {
        this.herder = herder;
        this.upload = new PluginUpload(config, herder);
    }

    void register(Router router) {
        router.get("/plugins", call -> Reply.ok(list()))
                .write("POST", "/plugins", call -> {
                    PluginEntity installed = PluginEntity.of(upload.install(call));
                    return Reply.created(installed).withHeader("Location", "/plugins/" + installed.id());
                })
                .get("/plugins/{id}", call -> Reply.ok(PluginEntity.of(herder.plugin(id(call)))))
                .write("DELETE", "/plugins/{id}", call -> {
                    herder.uninstallPlugin(id(call), call.flag("force", false));
                    return Reply.noContent();
                })
                .write("POST", "/plugins/{id}/reload", call -> Reply.ok(PluginEntity.of(herder.reloadPlugin(id(call)))));
    }

    /** The loaded plugins, then the entries of the plugins folder that are not loaded ({@code "state": "FAILED"}). */
    List<PluginEntity> list() {
        return Stream.concat(herder.plugins().stream().map(PluginEntity::of),
                herder.notLoadedPlugins().stream().map(PluginEntity::of)).toList();
    }

    private static String id(Call call) {
        return NameRules.check(call.pathParam("id"), "id");
    }
}
