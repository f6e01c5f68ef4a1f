package io.helmdesk.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Serves the public pages from this bundle's {@code web/} folder at the root of the server ({@code /api} belongs to
 * the REST API). Only files that exist in that folder are answered; anything else is a 404.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("helmdesk.web")
@HttpWhiteboardServletPattern("/*")
public class WebPagesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String FOLDER = "web";
    private static final Map<String, String> CONTENT_TYPES = Map.of("html", "text/html;charset=utf-8", "css",
            "text/css;charset=utf-8", "js", "text/javascript;charset=utf-8", "svg", "image/svg+xml", "png", "image/png",
            "ico", "image/x-icon", "json", "application/json");

    private final transient BundleContext context;

    @Activate
    public WebPagesServlet(BundleContext context) {
        this.context = context;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null || request.getPathInfo().equals("/")
                ? "/index.html"
                : request.getPathInfo();
        String extension = path.substring(path.lastIndexOf('.') + 1);
        URL file = isSafe(path) ? context.getBundle().getEntry(FOLDER + path) : null;
        if (file == null || path.endsWith("/") || !CONTENT_TYPES.containsKey(extension)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "There is no page at this address");
            return;
        }
        response.setContentType(CONTENT_TYPES.get(extension));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        response.setHeader("Cache-Control", "no-cache");
        try (InputStream in = file.openStream()) {
            in.transferTo(response.getOutputStream());
        }
    }

    /** Plain names only: no parent steps, no hidden files, no doubled slashes. */
    static boolean isSafe(String path) {
        return path.matches("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+") && !path.contains("..");
    }
}
