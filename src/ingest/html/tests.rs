//! Tests of `html`, kept beside it in a file of their own so the module reads whole.

use super::*;

const PAGE: &str = r#"<!DOCTYPE html><html><head>
<meta charset="utf-8"><title>关于就业的发布会_某某市人民政府</title>
<meta name="PubDate" content="2021-04-09 10:30">
<style>.x{color:red}</style><script>var n = 12345;</script></head>
<body><div class="top-nav"><a href="/">首页</a><a href="/a">政务公开</a></div>
<div class="main"><div class="info">发布时间：2021-04-09 来源：某某市政府新闻办</div>
<div class="TRS_Editor"><p>　　全市新增就业4.83万人次，
同比增长6.7%。</p>
<h3>一、主要成效</h3>
<p><strong>二、下一步工作</strong>投入资金37亿元。</p>
<table><tr><td>项目</td><td>金额</td></tr><tr><td>水厂</td><td>25座</td></tr></table>
<p>浏览次数：3021</p></div></div>
<div id="footer">版权所有：某某市人民政府 鲁ICP备12345678号 网站标识码3701000001</div>
</body></html>"#;

#[test]
fn the_article_is_read_without_furniture() {
    let page = read(PAGE);
    assert_eq!(
        page.text,
        "全市新增就业4.83万人次，同比增长6.7%。\n一、主要成效\n二、下一步工作\n投入资金37亿元。\n项目 | 金额\n水厂 | 25座\n"
    );
}

#[test]
fn metadata_comes_from_meta_tags_title_and_the_info_line() {
    let page = read(PAGE);
    assert_eq!(page.meta.title.as_deref(), Some("关于就业的发布会"));
    assert_eq!(page.meta.date.as_deref(), Some("2021-04-09"));
    assert_eq!(page.meta.publisher.as_deref(), Some("某某市政府新闻办"));
}

#[test]
fn without_a_named_container_the_densest_block_is_taken() {
    let html = "<body><div class=menu><a>首页</a><a>新闻中心新闻中心</a></div>\
        <div><p>全市新增就业4.83万人次。</p><p>投入资金37亿元，新建水厂25座。</p></div>\
        <div class=foot-links>网站地图</div></body>";
    assert_eq!(
        read(html).text,
        "全市新增就业4.83万人次。\n投入资金37亿元，新建水厂25座。\n"
    );
}

#[test]
fn a_central_government_layout() {
    let html = r#"<html><head><title>关于做好就业工作的通知_政策_中国政府网</title></head><body>
<div class="header"><div class="nav"><a>首页</a><a>政策</a></div></div>
<div class="article oneColumn pub_border">
<h1>关于做好就业工作的通知</h1>
<div class="pages-date">2021-04-09 10:30 来源： 新华社
<span class="font">【字体：<a>大</a> <a>中</a> <a>小</a>】</span><span class="print">打印</span></div>
<div class="pages_content" id="UCAP-CONTENT">
<p>　　新华社北京4月9日电　全年城镇新增就业1100万人以上。</p>
<p style="text-align: center;"><strong>一、稳定就业岗位</strong></p>
<p>　　发放失业保险稳岗返还资金230亿元。</p>
</div>
<div class="editor">【我要纠错】 责任编辑：张三</div></div>
<div class="footer">版权所有：中国政府网 | 京ICP备05070218号 | 网站标识码bm01000001</div>
</body></html>"#;
    let page = read(html);
    assert_eq!(
        page.text,
        "新华社北京4月9日电 全年城镇新增就业1100万人以上。\n一、稳定就业岗位\n发放失业保险稳岗返还资金230亿元。\n"
    );
    assert_eq!(page.meta.title.as_deref(), Some("关于做好就业工作的通知"));
    assert_eq!(page.meta.date.as_deref(), Some("2021-04-09"));
    assert_eq!(page.meta.publisher.as_deref(), Some("新华社"));
}

#[test]
fn info_lines_labelled_or_not() {
    assert_eq!(
        info_line("2021-04-09 10:30 来源： 新华社"),
        Some(InfoLine {
            date: Some("2021-04-09".into()),
            publisher: Some("新华社".into())
        })
    );
    assert_eq!(
        info_line("发布日期：2020年12月3日"),
        Some(InfoLine {
            date: Some("2020-12-03".into()),
            publisher: None
        })
    );
    // A source named inside a sentence is article text.
    assert_eq!(info_line("资金来源：市财政拨款3000万元。"), None);
}

#[test]
fn dates_in_the_forms_pages_use() {
    assert_eq!(
        parse_date("2021-04-09 10:30").as_deref(),
        Some("2021-04-09")
    );
    assert_eq!(parse_date("：2021年4月9日").as_deref(), Some("2021-04-09"));
    assert_eq!(parse_date("2021/04").as_deref(), Some("2021-04"));
    assert_eq!(parse_date("12-3"), None);
}

#[test]
fn furniture_names_match_word_parts() {
    let doc = Html::parse_fragment(
        "<div class='top-nav'></div><div class='navigation'></div><div class='canvas'></div>",
    );
    let found: Vec<bool> = doc.select(&sel("div")).map(is_furniture).collect();
    assert_eq!(found, [true, true, false]);
}
