//! HTML building blocks of the evidence browser: escaping and the page frame.

use crate::export::xml::escape;
use crate::kg::model::percent_encode;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// Escapes text for HTML content and attribute values (the XML escaper of the exports:
/// `& < > " '` as entities, control characters dropped).
pub fn esc(s: &str) -> String {
    escape(s).into_owned()
}

/// Percent-encodes a path segment or query value (keeps `/` when `keep_slash`).
pub fn url(s: &str, keep_slash: bool) -> String {
    if keep_slash {
        s.split('/')
            .map(percent_encode)
            .collect::<Vec<_>>()
            .join("/")
    } else {
        percent_encode(s)
    }
}

/// A whole page: header with the entity search, `body`, footer.
pub fn page(title: &str, search: &str, body: &str) -> Response {
    let html = format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · isnad</title>
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<header class="top">
  <a class="brand" href="/">isnad</a>
  <form class="search" action="/search" method="get" role="search">
    <input type="search" name="q" value="{search}" placeholder="Find an entity: Belarus, بيلاروس, Li Shangfu…" aria-label="Find an entity">
    <button type="submit">Find</button>
  </form>
  <nav><a href="/">Query</a> <a href="/docs">Documents</a> <a href="/health">Health</a></nav>
</header>
<main>
{body}
</main>
<footer>isnad {version} · every fact links to the sentence it comes from · SPARQL endpoint at <code>/sparql</code></footer>
</body>
</html>
"#,
        title = esc(title),
        search = esc(search),
        version = env!("CARGO_PKG_VERSION"),
    );
    let mut r = html.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_encodes_urls() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
        assert_eq!(url("person/li shangfu", true), "person/li%20shangfu");
        assert_eq!(url("a/b", false), "a%2Fb");
        assert_eq!(url("ب", false), "%D8%A8");
    }
}
