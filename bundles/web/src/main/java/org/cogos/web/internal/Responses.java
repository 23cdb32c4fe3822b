package org.cogos.web.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** JSON answers: one mapper for the bundle, and every error as {@code {"error": "..."}} with its status. */
final class Responses {

    /** Thread-safe once configured; records (the API's DTOs) are written by their components. */
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private Responses() {
    }

    static void json(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        try (OutputStream out = response.getOutputStream()) {
            JSON.writeValue(out, body);
        }
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        json(response, status, Map.of("error", message));
    }
}
