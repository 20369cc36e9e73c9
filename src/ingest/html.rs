//! A web page → the article's text, one paragraph a line, and the page's metadata.
//!
//! Government pages put the article in a known container (`TRS_Editor`, `zoom`,
//! `article`, `content`…) between a header, navigation and a footer of counters and
//! registration numbers (`浏览次数：3021`, `ICP备12345678号`) that must never become
//! figures. The container is found by those names, else by the most Chinese text outside
//! links; furniture elements (script, style, nav, header, footer, aside, form, and
//! elements whose class or id says nav/menu/footer/share…) are skipped, and short lines
//! of known furniture are dropped. Headings and `<strong>` lead lines get lines of their
//! own, so the extractor takes them for headlines; table rows are one line each, cells
//! separated by ` | `.
//!
//! Core: never prints, imports nothing of the terminal or the command line.

use scraper::{ElementRef, Html, Node, Selector};

use super::PageMeta;

/// Separator between the cells of a table row.
pub const CELL_SEPARATOR: &str = " | ";

/// Containers government sites put the article in, most specific first.
const CONTAINERS: &[&str] = &[
    ".TRS_Editor",
    "#UCAP-CONTENT",
    "#zoom",
    ".zoom",
    ".pages_content",
    ".article-content",
    ".article_content",
    "#article",
    "article",
    ".article",
    "#content",
    ".content",
    "main",
];

/// Elements that are never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "select",
    "iframe", "template", "svg", "head",
];

/// Words in a class or id that mark page furniture.
const FURNITURE_NAMES: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "foot",
    "header",
    "breadcrumb",
    "crumb",
    "share",
    "copyright",
    "sidebar",
    "toolbar",
    "print",
    "related",
];

/// Phrases of footers, counters and tools: a short line holding one is furniture.
const FURNITURE_LINES: &[&str] = &[
    "浏览次数",
    "瀏覽次數",
    "访问量",
    "阅读次数",
    "点击数",
    "点击量",
    "ICP备",
    "ICP證",
    "ICP证",
    "公网安备",
    "网站标识码",
    "版权所有",
    "版權所有",
    "联系我们",
    "主办单位",
    "承办单位",
    "【打印】",
    "【关闭】",
    "打印本页",
    "关闭窗口",
    "分享到",
    "扫一扫",
    "上一篇",
    "下一篇",
    "责任编辑",
    "字体：",
    "字号：",
];

/// A line longer than this is article text even if it names a furniture phrase.
const FURNITURE_MAX_CHARS: usize = 80;

/// A `<strong>` lead longer than this is emphasis inside a paragraph, not a headline.
const LEAD_MAX_CHARS: usize = 40;

/// Text and metadata of a page.
pub struct Page {
    pub text: String,
    pub meta: PageMeta,
}

/// Reads a decoded page.
pub fn read(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let mut meta = page_meta(&doc);
    // The publication line usually sits above the article container, so it is looked
    // for in the whole page.
    let mut whole = Lines::default();
    walk(doc.root_element(), &mut whole);
    whole.end_line();
    if let Some(info) = whole.done.iter().find_map(|l| info_line(l)) {
        meta.fill_from(info.date, info.publisher);
    }
    let root = container(&doc).unwrap_or_else(|| doc.root_element());
    let mut lines = Lines::default();
    walk(root, &mut lines);
    lines.end_line();
    let mut kept = Vec::new();
    for line in lines.done {
        if info_line(&line).is_some() {
            continue;
        }
        if is_furniture_line(&line) {
            continue;
        }
        kept.push(line);
    }
    // The title repeated as the article's first line adds nothing but a headline.
    if let (Some(first), Some(title)) = (kept.first(), meta.title.as_deref())
        && first == title
    {
        kept.remove(0);
    }
    let mut text = kept.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    Page { text, meta }
}

fn sel(s: &str) -> Selector {
    // The selectors are literals of this file, covered by its tests.
    Selector::parse(s).expect("a valid selector literal")
}

/// The element that holds the article: the named container with the most text, else
/// the block with the most Chinese text that is not link text.
fn container(doc: &Html) -> Option<ElementRef<'_>> {
    for name in CONTAINERS {
        let best = doc
            .select(&sel(name))
            .filter(|e| !is_furniture(*e))
            .max_by_key(|e| article_chars(*e));
        if let Some(e) = best
            && article_chars(e) >= 20
        {
            return Some(e);
        }
    }
    doc.select(&sel("div, td, section"))
        .filter(|e| !is_furniture(*e))
        .map(|e| (own_paragraph_chars(e), e))
        .filter(|&(n, _)| n > 0)
        .max_by_key(|&(n, _)| n)
        .map(|(_, e)| e)
}

/// Chinese chars of `e` outside links and furniture.
fn article_chars(e: ElementRef<'_>) -> usize {
    let mut n = 0;
    for child in e.children() {
        match child.value() {
            Node::Text(t) => n += t.chars().filter(|c| is_cjk(*c)).count(),
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(child)
                    && !skipped(el)
                    && el.value().name() != "a"
                {
                    n += article_chars(el);
                }
            }
            _ => {}
        }
    }
    n
}

/// Chinese chars in the paragraphs that are direct children of `e` (or its own text):
/// the block that directly holds the article scores highest, not `<body>`.
fn own_paragraph_chars(e: ElementRef<'_>) -> usize {
    e.children()
        .map(|child| match child.value() {
            Node::Text(t) => t.chars().filter(|c| is_cjk(*c)).count(),
            Node::Element(_) => ElementRef::wrap(child)
                .filter(|el| {
                    matches!(
                        el.value().name(),
                        "p" | "br" | "h1" | "h2" | "h3" | "span" | "font" | "strong"
                    )
                })
                .map_or(0, article_chars),
            _ => 0,
        })
        .sum()
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3134f}')
}

fn skipped(e: ElementRef<'_>) -> bool {
    SKIPPED.contains(&e.value().name()) || is_furniture(e) || is_hidden(e)
}

fn is_hidden(e: ElementRef<'_>) -> bool {
    e.value().attr("hidden").is_some()
        || e.value().attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            s.to_ascii_lowercase().contains("display:none")
        })
}

/// An element whose class or id names furniture (`nav`, `footer`, `share`…). Matched
/// on word parts (`top-nav`, `footer_box`), so `navigation` counts but `canvas` does not.
fn is_furniture(e: ElementRef<'_>) -> bool {
    let v = e.value();
    let names = v.classes().chain(v.id());
    names
        .flat_map(|n| n.split(['-', '_', ' ']))
        .map(str::to_ascii_lowercase)
        .any(|part| {
            FURNITURE_NAMES.iter().any(|f| {
                part == *f || (part.starts_with(f) && part.len() <= f.len() + 7 && *f != "foot")
            })
        })
}

/// Lines being built from the tree.
#[derive(Default)]
struct Lines {
    done: Vec<String>,
    current: String,
    /// The white space just pushed included a line break.
    soft_break: bool,
}

impl Lines {
    fn push_text(&mut self, t: &str) {
        for c in t.chars() {
            if c == '\u{a0}' || c == '\u{3000}' || c.is_whitespace() {
                if c == '\n' || c == '\r' {
                    self.soft_break = true;
                }
                if !self.current.is_empty() && !self.current.ends_with(' ') {
                    self.current.push(' ');
                }
                continue;
            }
            // A line break of the HTML source between two Chinese chars is not a space
            // a reader sees; a space or an ideographic space written there is kept.
            if self.soft_break
                && is_cjk_or_punct(c)
                && self.current.ends_with(' ')
                && self
                    .current
                    .trim_end()
                    .chars()
                    .last()
                    .is_some_and(is_cjk_or_punct)
            {
                self.current.pop();
            }
            self.soft_break = false;
            self.current.push(c);
        }
    }

    fn end_line(&mut self) {
        let line = self.current.trim().to_string();
        self.current.clear();
        self.soft_break = false;
        if !line.is_empty() {
            self.done.push(line);
        }
    }
}

fn is_cjk_or_punct(c: char) -> bool {
    is_cjk(c) || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "table"
            | "section"
            | "article"
            | "blockquote"
            | "pre"
            | "dd"
            | "dt"
            | "center"
            | "main"
            | "body"
            | "html"
    )
}

fn walk(e: ElementRef<'_>, out: &mut Lines) {
    if skipped(e) {
        return;
    }
    let name = e.value().name();
    match name {
        "br" => {
            out.end_line();
            return;
        }
        "tr" => {
            out.end_line();
            let cells: Vec<String> = e
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .map(|c| {
                    let mut cell = Lines::default();
                    walk_children(c, &mut cell);
                    cell.end_line();
                    cell.done.join(" ")
                })
                .collect();
            if cells.iter().any(|c| !c.is_empty()) {
                out.done.push(cells.join(CELL_SEPARATOR));
            }
            return;
        }
        "p" | "div" if strong_lead(e, out) => return,
        _ => {}
    }
    let block = is_block(name);
    if block {
        out.end_line();
    }
    walk_children(e, out);
    if block {
        out.end_line();
    }
}

fn walk_children(e: ElementRef<'_>, out: &mut Lines) {
    for child in e.children() {
        match child.value() {
            Node::Text(t) => out.push_text(t),
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(child) {
                    walk(el, out);
                }
            }
            _ => {}
        }
    }
}

/// `<p><strong>一、就业增收</strong>全市新增……</p>`: the bold lead is a headline, on
/// its own line, and the rest of the paragraph follows on the next. Returns false (and
/// writes nothing) when `e` does not start so.
fn strong_lead(e: ElementRef<'_>, out: &mut Lines) -> bool {
    let mut children = e
        .children()
        .filter(|c| !matches!(c.value(), Node::Text(t) if t.trim().is_empty()));
    let Some(first) = children.next().and_then(ElementRef::wrap) else {
        return false;
    };
    if !matches!(first.value().name(), "strong" | "b") {
        return false;
    }
    let lead: String = first.text().collect::<String>().trim().to_string();
    let n = lead.chars().count();
    let ends_sentence = lead
        .chars()
        .last()
        .is_some_and(|c| "。！？；.!?;，,".contains(c));
    if n == 0 || n > LEAD_MAX_CHARS || ends_sentence {
        return false;
    }
    out.end_line();
    out.push_text(&lead);
    out.end_line();
    let mut seen_first = false;
    for child in e.children() {
        if !seen_first {
            seen_first = child.id() == first.id();
            continue;
        }
        match child.value() {
            Node::Text(t) => out.push_text(t),
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(child) {
                    walk(el, out);
                }
            }
            _ => {}
        }
    }
    out.end_line();
    true
}

fn is_furniture_line(line: &str) -> bool {
    line.chars().count() <= FURNITURE_MAX_CHARS && FURNITURE_LINES.iter().any(|f| line.contains(f))
}

/// What a `发布时间：2021-04-09 来源：济南市政府新闻办` line says.
#[derive(Debug, Default, PartialEq)]
pub struct InfoLine {
    pub date: Option<String>,
    pub publisher: Option<String>,
}

const DATE_LABELS: &[&str] = &[
    "发布时间",
    "发布日期",
    "發布時間",
    "發佈時間",
    "发文日期",
    "成文日期",
];
const SOURCE_LABELS: &[&str] = &["信息来源", "文章来源", "来源", "來源", "发布机构"];

/// The publication line of a page, if `line` is one (short, labelled, with a date or a
/// source).
pub fn info_line(line: &str) -> Option<InfoLine> {
    if line.chars().count() > FURNITURE_MAX_CHARS {
        return None;
    }
    let value_after = |labels: &[&str]| -> Option<String> {
        labels.iter().find_map(|l| {
            // At the start of the line or after a space: `资金来源：` is article text.
            let at = line.match_indices(l).map(|(at, _)| at).find(|&at| {
                line[..at]
                    .chars()
                    .last()
                    .is_none_or(|c| c.is_whitespace() || "|｜】]".contains(c))
            })?;
            let rest = line[at + l.len()..].trim_start_matches([':', '：', ' ', '\u{3000}']);
            let value: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '|' && *c != '【')
                .collect();
            (!value.is_empty()).then_some(value)
        })
    };
    let date = DATE_LABELS
        .iter()
        .find_map(|l| line.find(l).map(|at| &line[at + l.len()..]))
        .and_then(parse_date);
    let publisher = value_after(SOURCE_LABELS);
    // `2021-04-09 10:30 来源：新华社` (gov.cn): an unlabelled date before the source.
    let date = date.or_else(|| {
        publisher
            .as_ref()
            .filter(|_| line.starts_with(|c: char| c.is_ascii_digit()))
            .and_then(|_| parse_date(line))
    });
    (date.is_some() || publisher.is_some()).then_some(InfoLine { date, publisher })
}

/// The first date in `s` as ISO 8601: `2021-04-09 10:30`, `2021/4/9`, `2021年4月9日`.
pub fn parse_date(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let start = chars.iter().position(char::is_ascii_digit)?;
    let mut parts: Vec<String> = Vec::new();
    let mut i = start;
    let mut current = String::new();
    while i < chars.len() && parts.len() < 3 {
        let c = chars[i];
        if c.is_ascii_digit() {
            current.push(c);
        } else if !current.is_empty() && matches!(c, '-' | '/' | '.' | '年' | '月' | '日') {
            parts.push(std::mem::take(&mut current));
            if c == '日' {
                break;
            }
        } else {
            break;
        }
        i += 1;
    }
    if !current.is_empty() && parts.len() < 3 {
        parts.push(current);
    }
    let year = parts.first().filter(|y| y.len() == 4)?;
    let mut out = year.clone();
    for p in parts.iter().skip(1) {
        let n: u32 = p.parse().ok()?;
        if n == 0 || n > 31 {
            break;
        }
        out = format!("{out}-{n:02}");
    }
    Some(out)
}

/// Title, date and publisher from `<meta>` tags and `<title>`.
fn page_meta(doc: &Html) -> PageMeta {
    let mut meta = PageMeta::default();
    for m in doc.select(&sel("meta[name], meta[property]")) {
        let v = m.value();
        let name = v
            .attr("name")
            .or_else(|| v.attr("property"))
            .unwrap_or_default()
            .to_ascii_lowercase();
        let Some(content) = v.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
            continue;
        };
        match name.as_str() {
            "articletitle" | "og:title" => {
                meta.title.get_or_insert_with(|| content.to_string());
            }
            "pubdate" | "publishdate" | "firstpublishedtime" | "article:published_time"
                if meta.date.is_none() =>
            {
                meta.date = parse_date(content);
            }
            "contentsource" | "source" => {
                meta.publisher.get_or_insert_with(|| content.to_string());
            }
            _ => {}
        }
    }
    if meta.title.is_none()
        && let Some(t) = doc.select(&sel("title")).next()
    {
        let t: String = t.text().collect();
        meta.title = strip_site_suffix(t.trim());
    }
    meta
}

/// `关于……的新闻发布会_济南市人民政府` → `关于……的新闻发布会`.
fn strip_site_suffix(title: &str) -> Option<String> {
    let cut = ["_", " - ", " | ", "｜", "——", " — "]
        .iter()
        .filter_map(|sep| title.find(sep))
        .min()
        .unwrap_or(title.len());
    let t = title[..cut].trim();
    (!t.is_empty()).then(|| t.to_string())
}

#[cfg(test)]
mod tests;
