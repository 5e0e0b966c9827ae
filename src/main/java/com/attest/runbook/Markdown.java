package com.attest.runbook;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Renders runbook and policy Markdown to HTML that is safe to place in a page. Raw HTML in the source is
 * shown as text; links keep only http, https and mailto targets or paths on the portal itself (never a
 * protocol-relative {@code //host}); images only paths on the portal (an image from elsewhere would tell another
 * site who reads the runbook, and when); every link carries {@code rel="noopener noreferrer nofollow"}.
 */
public final class Markdown {

    static final String LINK_REL = "noopener noreferrer nofollow";

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new SchemeAllowList())
            .attributeProviderFactory(context -> new LinkAttributes())
            .build();

    private Markdown() {
    }

    /** The HTML for {@code markdown}; empty for null. */
    public static String toSafeHtml(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return "";
        }
        return RENDERER.render(PARSER.parse(markdown));
    }

    /**
     * Keeps a URL only if it has no scheme or an allowed one. Commonmark's default also lets {@code data:}
     * through, and a URL with control characters (which browsers drop while parsing the scheme) is refused
     * outright rather than second-guessed.
     */
    static final class SchemeAllowList implements UrlSanitizer {
        private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");
        private static final Set<String> IMAGE_SCHEMES = Set.of();

        @Override
        public String sanitizeLinkUrl(String url) {
            return allowed(url, LINK_SCHEMES);
        }

        @Override
        public String sanitizeImageUrl(String url) {
            return allowed(url, IMAGE_SCHEMES);
        }

        private static String allowed(String url, Set<String> schemes) {
            if (url == null) {
                return "";
            }
            String u = url.strip();
            for (int i = 0; i < u.length(); i++) {
                char c = u.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    return "";
                }
            }
            if (u.startsWith("//") || u.startsWith("\\\\") || u.startsWith("/\\") || u.startsWith("\\/")) {
                return ""; // protocol-relative: another host, whatever it looks like
            }
            for (int i = 0; i < u.length(); i++) {
                switch (u.charAt(i)) {
                    case '/', '?', '#':
                        return u;
                    case ':':
                        return schemes.contains(u.substring(0, i).toLowerCase(Locale.ROOT)) ? u : "";
                    default:
                        break;
                }
            }
            return u;
        }
    }

    /** Sets the link relation and drops the target a sanitized URL left empty. */
    static final class LinkAttributes implements AttributeProvider {
        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof Link) {
                attributes.put("rel", LINK_REL);
                if (attributes.getOrDefault("href", "").isEmpty()) {
                    attributes.remove("href");
                }
            } else if (node instanceof Image && attributes.getOrDefault("src", "").isEmpty()) {
                attributes.remove("src");
            }
        }
    }
}
