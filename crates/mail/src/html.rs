//! The HTML alternative of an email, derived from its rendered text.
//!
//! Every character of the text is escaped here, and only the markup written below is added, so the
//! HTML cannot contain anything a template author or a variable value did not type as plain text.

use nourx_domain::Locale;

/// Wraps `text` in a minimal, mail-client friendly HTML document: blank lines separate paragraphs,
/// single line breaks are kept, and `http(s)` URLs become links.
pub(crate) fn text_to_html(subject: &str, text: &str, locale: Option<Locale>) -> String {
    let mut content = String::with_capacity(text.len() * 2);
    for paragraph in paragraphs(text) {
        content.push_str("<p style=\"margin:0 0 16px 0;\">");
        for (i, line) in paragraph.iter().enumerate() {
            if i > 0 {
                content.push_str("<br>\n");
            }
            push_linkified(&mut content, line);
        }
        content.push_str("</p>\n");
    }
    page(subject, &content, locale)
}

/// The document around an email's content (already HTML): the same frame for the HTML derived from
/// the text and for an admin's own HTML, whose values were escaped when it was rendered.
pub(crate) fn page(subject: &str, content: &str, locale: Option<Locale>) -> String {
    let mut html = String::with_capacity(content.len() + 600);
    html.push_str("<!DOCTYPE html>\n");
    match locale {
        Some(locale) => {
            html.push_str("<html lang=\"");
            html.push_str(locale.as_str());
            html.push_str("\">\n");
        }
        None => html.push_str("<html>\n"),
    }
    html.push_str("<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    push_escaped(&mut html, subject);
    html.push_str("</title>\n</head>\n<body style=\"margin:0;padding:24px 12px;background-color:#f4f4f5;\">\n");
    html.push_str(
        "<div style=\"max-width:560px;margin:0 auto;padding:24px;background-color:#ffffff;border-radius:8px;\
         font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2933;\">\n",
    );
    html.push_str(content);
    if !content.is_empty() && !content.ends_with('\n') {
        html.push('\n');
    }
    html.push_str("</div>\n</body>\n</html>\n");
    html
}

/// The sender's brand at the top of an HTML email: its logo (or its name) and its colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailBrand {
    pub name: String,
    /// An absolute `http(s)` address of the logo; the name is shown instead without one.
    pub logo_url: Option<String>,
    /// The logo's size in pixels (drawn at half of it, for sharp screens).
    pub logo_size: Option<(u32, u32)>,
    /// `#rrggbb`; anything else gives NOURX's blue.
    pub color: String,
}

/// `html` with the brand's header (its logo or its name, over a band of its colour) right after
/// the `<body>` tag; unchanged when there is no body. Every value is escaped, the colour must be
/// `#rrggbb` and the logo an `http(s)` address, so the brand cannot inject markup either.
pub fn with_brand(html: &str, brand: &EmailBrand) -> String {
    let Some(start) = html.find("<body") else { return html.to_owned() };
    let Some(end) = html[start..].find('>').map(|offset| start + offset + 1) else { return html.to_owned() };
    let hex = brand.color.strip_prefix('#').filter(|hex| hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()));
    let color = hex.map_or_else(|| "#0b4f6c".to_owned(), |hex| format!("#{hex}"));
    let logo = brand.logo_url.as_deref().filter(|url| {
        let lower = url.to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://")
    });
    let mut header = String::with_capacity(600);
    header.push_str(
        "\n<div style=\"max-width:560px;margin:0 auto;padding:0 0 12px 0;font-family:Arial,Helvetica,sans-serif;\">",
    );
    match logo {
        Some(url) => {
            let (width, height) = brand.logo_size.map_or((0, 0), |(w, h)| (w.div_ceil(2), h.div_ceil(2)));
            header.push_str("<img src=\"");
            push_escaped(&mut header, url);
            header.push_str("\" alt=\"");
            push_escaped(&mut header, &brand.name);
            header.push('"');
            if width > 0 && height > 0 {
                header.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
            }
            header.push_str(" style=\"display:block;border:0;max-width:240px;max-height:80px;\">");
        }
        None => {
            header.push_str("<span style=\"font-size:20px;font-weight:bold;color:");
            header.push_str(&color);
            header.push_str(";\">");
            push_escaped(&mut header, &brand.name);
            header.push_str("</span>");
        }
    }
    header.push_str("</div>\n<div style=\"max-width:560px;margin:0 auto;height:4px;background-color:");
    header.push_str(&color);
    header.push_str(";border-radius:4px 4px 0 0;\"></div>");
    let mut out = String::with_capacity(html.len() + header.len());
    out.push_str(&html[..end]);
    out.push_str(&header);
    out.push_str(&html[end..]);
    out
}

/// Groups lines into paragraphs: runs of non-blank lines, separated by one or more blank lines.
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Appends `line` escaped, with each `http://` or `https://` URL turned into a link.
///
/// Only these two schemes are linked, so a value such as `javascript:…` stays inert text.
fn push_linkified(out: &mut String, line: &str) {
    let mut rest = line;
    while let Some((start, end)) = find_url(rest) {
        push_escaped(out, &rest[..start]);
        let url = &rest[start..end];
        out.push_str("<a href=\"");
        push_escaped(out, url);
        out.push_str("\" style=\"color:#0b5cad;\">");
        push_escaped(out, url);
        out.push_str("</a>");
        rest = &rest[end..];
    }
    push_escaped(out, rest);
}

/// The byte range of the first URL in `s`, if any.
fn find_url(s: &str) -> Option<(usize, usize)> {
    // ASCII lower-casing keeps byte offsets, so positions found in `lower` are valid in `s`.
    let lower = s.to_ascii_lowercase();
    let mut from = 0;
    while from < s.len() {
        let rel = lower[from..].find("http")?;
        let start = from + rel;
        from = start + 4;
        let tail = &s[start..];
        let scheme_len = if starts_with_ignore_case(tail, "https://") {
            8
        } else if starts_with_ignore_case(tail, "http://") {
            7
        } else {
            continue;
        };
        // Not the middle of a word such as `xhttp://`.
        if s[..start].chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let len =
            tail.find(|c: char| c.is_whitespace() || c.is_control() || "<>\"'«»".contains(c)).unwrap_or(tail.len());
        let url = trim_trailing_punctuation(&tail[..len]);
        if url.len() > scheme_len {
            return Some((start, start + url.len()));
        }
    }
    None
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Drops punctuation that ends the sentence rather than the URL (`… ici : https://x.ci/a.`), and a
/// closing parenthesis the URL did not open.
fn trim_trailing_punctuation(mut url: &str) -> &str {
    loop {
        let Some(last) = url.chars().next_back() else {
            return url;
        };
        let strip = match last {
            '.' | ',' | ';' | ':' | '!' | '?' => true,
            ')' => url.matches('(').count() < url.matches(')').count(),
            _ => false,
        };
        if !strip {
            return url;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
}

/// Appends `s` with the five HTML-significant characters escaped (safe in text and in quoted attributes).
pub(crate) fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> String {
        let html = text_to_html("s", text, None);
        let start = html.find("<p").unwrap_or(0);
        let end = html.rfind("</div>").unwrap_or(html.len());
        html[start..end].to_owned()
    }

    fn brand(logo_url: Option<&str>, color: &str) -> EmailBrand {
        EmailBrand {
            name: "Studio <Lagune> & Co".into(),
            logo_url: logo_url.map(str::to_owned),
            logo_size: Some((480, 161)),
            color: color.into(),
        }
    }

    #[test]
    fn the_brand_heads_the_body_escaped() {
        let html = text_to_html("s", "Bonjour", None);
        let branded = with_brand(&html, &brand(None, "#7C2D12"));
        let body = branded.find("<body").unwrap_or(0);
        let header = branded.find("Studio &lt;Lagune&gt; &amp; Co").unwrap_or(0);
        let text = branded.find("Bonjour").unwrap_or(0);
        assert!(body < header && header < text, "{branded}");
        assert!(branded.contains("color:#7C2D12;"), "{branded}");
        assert!(branded.contains("background-color:#7C2D12;"), "{branded}");

        let branded =
            with_brand(&html, &brand(Some("https://app.nourx.ci/api/branding/logo/ab12/?a=1&b=2"), "#7c2d12"));
        assert!(
            branded.contains(
                "<img src=\"https://app.nourx.ci/api/branding/logo/ab12/?a=1&amp;b=2\" alt=\"Studio &lt;Lagune&gt; &amp; Co\" width=\"240\" height=\"81\""
            ),
            "{branded}"
        );
    }

    #[test]
    fn a_bad_colour_or_logo_address_cannot_inject_anything() {
        let html = text_to_html("s", "Bonjour", None);
        let branded = with_brand(&html, &brand(Some("javascript:alert(1)"), "red;background:url(x)"));
        assert!(!branded.contains("javascript"), "{branded}");
        assert!(!branded.contains("url(x)"), "{branded}");
        assert!(branded.contains("background-color:#0b4f6c;"), "{branded}");
        assert_eq!(with_brand("no body here", &brand(None, "#000000")), "no body here");
    }

    #[test]
    fn blank_lines_make_paragraphs_and_single_breaks_are_kept() {
        let html = body("Bonjour,\n\nLigne 1\nLigne 2\n\n\n   \nFin\n");
        assert_eq!(html.matches("<p ").count(), 3, "{html}");
        assert!(html.contains("Ligne 1<br>\nLigne 2"), "{html}");
    }

    #[test]
    fn urls_become_links_without_the_sentence_punctuation() {
        let html = body("Ouvrez https://app.nourx.ci/accept?token=a&b=c.");
        assert!(
            html.contains(
                "<a href=\"https://app.nourx.ci/accept?token=a&amp;b=c\" style=\"color:#0b5cad;\">\
                 https://app.nourx.ci/accept?token=a&amp;b=c</a>."
            ),
            "{html}"
        );
    }

    fn url_in(s: &str) -> Option<&str> {
        find_url(s).map(|(start, end)| &s[start..end])
    }

    #[test]
    fn parentheses_and_quotes_end_urls_sensibly() {
        assert_eq!(url_in("(voir http://x.ci/a)"), Some("http://x.ci/a"));
        assert_eq!(
            url_in("see https://en.wikipedia.org/wiki/Rust_(language)"),
            Some("https://en.wikipedia.org/wiki/Rust_(language)")
        );
        assert_eq!(url_in("« https://x.ci/é »"), Some("https://x.ci/é"));
        assert_eq!(url_in("\"https://x.ci\"<b>"), Some("https://x.ci"));
        assert_eq!(url_in("ici : https://x.ci/a?b=1!"), Some("https://x.ci/a?b=1"));
    }

    #[test]
    fn only_http_urls_are_linked() {
        assert_eq!(url_in("javascript:alert(1)"), None);
        assert_eq!(url_in("xhttp://x.ci"), None);
        assert_eq!(url_in("https:// nothing"), None);
        assert_eq!(url_in("http"), None);
        assert_eq!(url_in("HTTPS://X.CI"), Some("HTTPS://X.CI"));
        let html = body("javascript:alert(1) <b>");
        assert!(!html.contains("<a "), "{html}");
        assert!(html.contains("javascript:alert(1) &lt;b&gt;"), "{html}");
    }

    #[test]
    fn everything_is_escaped() {
        let html = text_to_html("<Sujet> & \"co\"", "<script>alert('x')</script>", Some(Locale::Fr));
        assert!(html.contains("<html lang=\"fr\">"));
        assert!(html.contains("<title>&lt;Sujet&gt; &amp; &quot;co&quot;</title>"));
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assert!(!html.contains("<script"));
    }
}
