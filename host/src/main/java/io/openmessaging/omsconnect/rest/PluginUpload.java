package io.openmessaging.omsconnect.rest;

import io.openmessaging.omsconnect.config.WorkerConfig;
import io.openmessaging.omsconnect.herder.Herder;
import io.openmessaging.omsconnect.plugin.PluginDescriptorInfo;
import io.openmessaging.omsconnect.rest.http.BodyTooLargeException;
import io.openmessaging.omsconnect.rest.http.Call;
import io.openmessaging.omsconnect.rest.http.HttpError;
import io.openmessaging.omsconnect.rest.http.SizeLimitedInputStream;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.server.handlers.form.MultiPartParserDefinition;
import io.undertow.util.Headers;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /plugins}: the archive as the raw body ({@code ?name=<file name>}) or as the one file part of
 * a multipart/form-data body. Refused (403) when uploads are disabled, or when the REST server is bound
 * beyond loopback without a token: an upload is code the worker will run. The body reaches the herder
 * as a stream that fails past {@code maxUploadBytes} (413); multipart parts are spooled to temporary files
 * by Undertow (deleted after the request), with the same limit.
 */
final class PluginUpload {
    /** room for multipart boundaries and part headers around the file */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;
    private static final long IN_MEMORY_THRESHOLD = 64 * 1024;

    private final WorkerConfig config;
    private final Herder herder;

    PluginUpload(WorkerConfig config, Herder herder) {
        this.config = config;
        this.herder = herder;
    }

    PluginDescriptorInfo install(Call call) throws IOException {
        checkAllowed();
        String contentType = call.header(Headers.CONTENT_TYPE_STRING);
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return multipart(call);
        }
        String name = NameRules.uploadFile(call.query("name").orElseThrow(
                () -> HttpError.badRequest("name", "query parameter 'name' (the archive's file name) is required")));
        if ("0".equals(call.header(Headers.CONTENT_LENGTH_STRING))) {
            throw HttpError.badRequest(null, "the upload is empty");
        }
        SizeLimitedInputStream in = call.body(config.maxUploadBytes());
        try {
            return herder.installPlugin(name, in);
        } catch (RuntimeException e) {
            if (in.exceeded()) {
                throw tooLarge();
            }
            throw e;
        }
    }

    private void checkAllowed() {
        if (!config.pluginUploadEnabled()) {
            throw HttpError.forbidden("plugin upload is disabled on this worker (pluginUploadEnabled=false)");
        }
        if (!config.loopbackOnly() && config.restToken() == null) {
            throw HttpError.forbidden("plugin upload needs a restToken when REST is bound to a non-loopback address");
        }
    }

    private PluginDescriptorInfo multipart(Call call) throws IOException {
        HttpServerExchange exchange = call.exchange();
        long limit = config.maxUploadBytes() + MULTIPART_OVERHEAD;
        call.checkDeclaredLength(limit);
        exchange.setMaxEntitySize(limit);
        MultiPartParserDefinition multipart = new MultiPartParserDefinition();
        multipart.setMaxIndividualFileSize(config.maxUploadBytes());
        multipart.setFileSizeThreshold(IN_MEMORY_THRESHOLD);
        multipart.setDefaultEncoding("UTF-8");
        FormParserFactory factory = FormParserFactory.builder(false).addParsers(multipart).build();
        try (FormDataParser parser = factory.createParser(exchange)) {
            if (parser == null) {
                throw HttpError.badRequest(null, "multipart/form-data body without a boundary");
            }
            FormData form = parser.parseBlocking();
            List<FormData.FormValue> files = new ArrayList<>();
            for (String field : form) {
                for (FormData.FormValue value : form.get(field)) {
                    if (value.isFileItem()) {
                        files.add(value);
                    }
                }
            }
            if (files.size() != 1) {
                throw HttpError.badRequest("file", "the multipart body must hold exactly one file part, not " + files.size());
            }
            FormData.FormValue file = files.get(0);
            String name = NameRules.uploadFile(call.query("name").orElse(file.getFileName()));
            try (InputStream in = file.getFileItem().getInputStream()) {
                return herder.installPlugin(name, in);
            }
        }
    }

    private HttpError tooLarge() {
        return HttpError.tooLarge(new BodyTooLargeException(config.maxUploadBytes()).getMessage());
    }
}
