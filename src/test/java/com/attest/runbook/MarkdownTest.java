package com.attest.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z0-9]+)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z-]+)=\"([^\"]*)\"");
    private static final Set<String> TAGS = Set.of("p", "a", "em", "strong", "code", "pre", "h1", "h2", "h3",
            "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr", "br", "img", "table", "thead", "tbody", "tr",
            "th", "td");

    /** The tags the HTML really has (escaped source text has no '<'), checked for anything executable. */
    private static List<String> safeTags(String html) {
        List<String> hrefs = new ArrayList<>();
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            String name = tag.group(2).toLowerCase(Locale.ROOT);
            assertTrue(TAGS.contains(name), "unexpected <" + name + "> in " + html);
            Matcher attr = ATTRIBUTE.matcher(tag.group(3));
            while (attr.find()) {
                String attrName = attr.group(1).toLowerCase(Locale.ROOT);
                assertFalse(attrName.startsWith("on"), "event handler in " + html);
                if (attrName.equals("href") || attrName.equals("src")) {
                    String url = attr.group(2).toLowerCase(Locale.ROOT);
                    assertTrue(url.startsWith("http://") || url.startsWith("https://") || url.startsWith("mailto:")
                            || !url.contains(":"), "unsafe URL " + url + " in " + html);
                    hrefs.add(attr.group(2));
                }
            }
        }
        return hrefs;
    }

    @Test
    void rawHtmlIsShownAsText() {
        String html = Markdown.toSafeHtml("""
                <script>alert(1)</script>

                Text <img src=x onerror="alert(1)"> and <iframe src="https://evil.example"></iframe>

                <a href="javascript:alert(1)">click</a>""");
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"), html);
        assertTrue(html.contains("&lt;iframe"), html);
        assertTrue(html.contains("&lt;a href=&quot;javascript:alert(1)&quot;&gt;click&lt;/a&gt;"), html);
        assertEquals(List.of(), safeTags(html));
    }

    /** An autolink still shows its text; only the target goes. */
    @Test
    void scriptUrlsLoseTheirTarget() {
        for (String md : List.of("[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))",
                "[x](java&#x09;script:alert(1))", "[x](&#106;avascript:alert(1))", "[x]( javascript:alert(1))",
                "[x](<javascript:alert(1)>)", "[x](vbscript:msgbox(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)",
                "<javascript:alert(1)>", "[x][r]\n\n[r]: javascript:alert(1)")) {
            String html = Markdown.toSafeHtml(md);
            assertFalse(html.contains("href"), md + " -> " + html);
            assertTrue(html.contains("<a rel=\"noopener noreferrer nofollow\">"), md + " -> " + html);
            safeTags(html);
        }
    }

    @Test
    void imagesOnlyLoadFromThePortalItself() {
        for (String md : List.of("![i](javascript:alert(1))", "![i](data:image/svg+xml;base64,PHN2Zz4=)",
                "![i](DATA:image/png;base64,AAAA)", "![i](mailto:a@example.com)", "![i](https://example.com/a.png)",
                "![i](//evil.example/pixel.png)", "![i](/\\evil.example/pixel.png)")) {
            String html = Markdown.toSafeHtml(md);
            assertFalse(html.contains("src="), md + " -> " + html);
            assertTrue(html.contains("<img alt=\"i\" />"), md + " -> " + html);
            safeTags(html);
        }
        assertEquals("<p><img src=\"/resources/diagram.png\" alt=\"diagram\" /></p>\n",
                Markdown.toSafeHtml("![diagram](/resources/diagram.png)"));
    }

    @Test
    void aProtocolRelativeLinkIsNoLink() {
        for (String md : List.of("[x](//evil.example/x)", "[x](/\\evil.example/x)", "[x]( //evil.example)")) {
            String html = Markdown.toSafeHtml(md);
            assertFalse(html.contains("href="), md + " -> " + html);
        }
        assertTrue(Markdown.toSafeHtml("[runbook](/runbooks/view.xhtml)").contains("href=\"/runbooks/view.xhtml\""));
    }

    @Test
    void safeLinksKeepTheirTargetAndGetTheRelation() {
        assertEquals("<p><a rel=\"noopener noreferrer nofollow\" "
                        + "href=\"https://learn.microsoft.com/azure/sentinel/\">Sentinel</a></p>\n",
                Markdown.toSafeHtml("[Sentinel](https://learn.microsoft.com/azure/sentinel/)"));
        assertEquals(List.of("mailto:security@example.com", "http://example.com", "/incidents/12", "#contain"),
                safeTags(Markdown.toSafeHtml("[a](mailto:security@example.com) <http://example.com> "
                        + "[b](/incidents/12) [c](#contain)")));
        String auto = Markdown.toSafeHtml("<https://example.com/x?a=1&b=2>");
        assertTrue(auto.contains("href=\"https://example.com/x?a=1&amp;b=2\""), auto);
        assertTrue(auto.contains("rel=\"noopener noreferrer nofollow\""), auto);
    }

    @Test
    void ordinaryMarkdownRenders() {
        String html = Markdown.toSafeHtml("""
                # Contain

                Isolate **first**, then *investigate*.

                - [ ] Quarantine the VM `action: quarantine-vm`
                - Disable the user

                1. one
                2. two

                ```bash
                az ad user update --id <upn> --account-enabled false
                ```

                | Severity | SLA |
                | --- | --- |
                | P1 | 30 minutes |
                """);
        assertTrue(html.contains("<h1>Contain</h1>"), html);
        assertTrue(html.contains("<strong>first</strong>"), html);
        assertTrue(html.contains("<em>investigate</em>"), html);
        assertTrue(html.contains("<li>[ ] Quarantine the VM <code>action: quarantine-vm</code></li>"), html);
        assertTrue(html.contains("<ol>"), html);
        assertTrue(html.contains("<pre><code class=\"language-bash\">az ad user update --id &lt;upn&gt;"), html);
        assertTrue(html.contains("<td>30 minutes</td>"), html);
        safeTags(html);
    }

    @Test
    void nothingRendersAsNothing() {
        assertEquals("", Markdown.toSafeHtml(null));
        assertEquals("", Markdown.toSafeHtml(""));
    }

    @Test
    void theSeedRendersSafely() {
        safeTags(Markdown.toSafeHtml(RunbookFormat.write(InitialDocuments.incidentResponse())));
        String policy = Markdown.toSafeHtml(InitialDocuments.policy());
        assertTrue(policy.contains("<td>30 minutes</td>"), policy);
        safeTags(policy);
    }
}
