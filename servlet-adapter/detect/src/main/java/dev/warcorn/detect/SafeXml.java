package dev.warcorn.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The JDK's DOM parser, set up never to reach outside the document: Servlet 2.3 web.xml files and
 * jetty-web.xml files carry a DOCTYPE whose DTD URL would otherwise be fetched from the network,
 * which hangs or fails on an offline server.
 */
final class SafeXml {
    // the default handler also prints "[Fatal Error] ..." to stderr; we report through the exception
    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private SafeXml() {
    }

    /**
     * Parses one descriptor.
     *
     * @param location where it lives, for the message if it is not well-formed
     */
    static Document parse(InputStream in, String location) throws IOException {
        try {
            return builder().parse(in);
        } catch (SAXParseException e) {
            String where = "line " + e.getLineNumber() + ", column " + e.getColumnNumber();
            throw new MalformedDescriptorException(location, where + ": " + e.getMessage(), e);
        } catch (SAXException e) {
            throw new MalformedDescriptorException(location, e.getMessage(), e);
        }
    }

    private static DocumentBuilder builder() throws IOException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        try {
            // also caps entity expansion, so a hostile DOCTYPE cannot blow up the master
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            DocumentBuilder builder = f.newDocumentBuilder();
            // anything external that slips past the features above resolves to nothing
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            builder.setErrorHandler(QUIET);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IOException("the JDK XML parser rejects a safety feature: " + e.getMessage(), e);
        }
    }
}
