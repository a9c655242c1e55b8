package cn.lianxin.console;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;

/**
 * Lays the report page's own HTML out as a PDF with openhtmltopdf. Rendering is blocking, CPU-bound work, so it
 * runs on a small pool of its own (never the event loop, and a burst of downloads cannot take every worker).
 * The page's stylesheet and the font its @font-face names are read from the classpath, where the browser gets
 * them over HTTP, so the PDF embeds the very glyphs the page shows. Nothing else is fetched: a report cannot
 * make the server call out anywhere.
 */
@ApplicationScoped
public class ReportPdf {

    /** Where the console's static files live on the classpath; the page links them as /console-assets/…. */
    private static final String ASSETS = "/console-assets/";
    private static final String STATIC_ROOT = "/META-INF/resources";
    /** The classpath URL of the assets' folder: jar:…!/META-INF/resources/console-assets/ or file:…. */
    private static final String ASSETS_URL = ReportPdf.class.getResource(STATIC_ROOT + ASSETS + "reports.css").toExternalForm()
            .replace("reports.css", "");

    private final WorkerExecutor pool;

    public ReportPdf(Vertx vertx) {
        this.pool = vertx.createSharedWorkerExecutor("report-pdf", 2);
    }

    /** The PDF of {@code xhtml}, which must be well-formed XML (openhtmltopdf parses it as such). */
    public Uni<byte[]> render(String xhtml) {
        return pool.executeBlocking(Uni.createFrom().item(() -> layout(xhtml)));
    }

    private static byte[] layout(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useUriResolver((base, uri) -> asset(uri));
        builder.withHtmlContent(xhtml, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A /console-assets/ path as its classpath URL. openhtmltopdf asks again with the URL it was given, so one of
     * those passes too; anything else is not loaded (null).
     */
    private static String asset(String uri) {
        if (uri == null || uri.contains("..")) {
            return null;
        }
        if (uri.startsWith(ASSETS_URL)) {
            return uri;
        }
        URL resource = uri.startsWith(ASSETS) ? ReportPdf.class.getResource(STATIC_ROOT + uri) : null;
        return resource == null ? null : resource.toExternalForm();
    }

    @PreDestroy
    void close() {
        pool.closeAndForget();
    }
}
