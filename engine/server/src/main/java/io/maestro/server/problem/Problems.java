package io.maestro.server.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Builds problem details, and writes them where no controller is involved (filters). */
public final class Problems {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Problems() { }

    public static ProblemDetail of(int status, String title, String detail, String instance, List<Map<String, Object>> errors) {
        ProblemDetail p = ProblemDetail.forStatus(status);
        p.setTitle(title);
        p.setDetail(detail);
        if (instance != null) p.setInstance(java.net.URI.create(instance.replace(" ", "%20")));
        if (errors != null && !errors.isEmpty()) p.setProperty("errors", errors);
        return p;
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
                             String detail) throws IOException {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
