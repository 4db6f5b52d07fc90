package dev.warcorn.worker.edge;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Gunicorn's --limit-request-line (414), --limit-request-fields and --limit-request-field-size (431), each
 * 0 for unlimited. Jetty bounds only the whole head ({@link HttpConfiguration#setRequestHeaderSize}, set
 * from these limits by {@link HttpEdge#headSize}); the three separate limits are checked here, once the
 * head is parsed and before any handler runs. A refused request also closes its connection, as Gunicorn does.
 */
final class RequestLimits implements HttpConfiguration.Customizer {
    private final int line;
    private final int fields;
    private final int fieldSize;

    RequestLimits(int line, int fields, int fieldSize) {
        this.line = line;
        this.fields = fields;
        this.fieldSize = fieldSize;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        if (line > 0) {
            String target = request.getHttpURI().getPathQuery();
            long length = request.getMethod().length() + 1L + (target == null ? 1 : target.length()) + 1
                    + request.getConnectionMetaData().getProtocol().length();
            if (length > line) throw refuse(HttpStatus.URI_TOO_LONG_414, "Request line longer than " + line + " bytes");
        }
        HttpFields headers = request.getHeaders();
        if (fields > 0 && headers.size() > fields)
            throw refuse(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431, "More than " + fields + " header fields");
        if (fieldSize > 0) {
            for (HttpField f : headers) {
                if (f.getName().length() + 2L + (f.getValue() == null ? 0 : f.getValue().length()) > fieldSize)
                    throw refuse(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431, "Header field longer than " + fieldSize + " bytes");
            }
        }
        return request;
    }

    private static HttpException.RuntimeException refuse(int status, String reason) {
        return new HttpException.RuntimeException(status, reason);
    }
}
