//! The page type `extract` detects, on pages whose type is plain: an article of
//! paragraphs, and a listing of dated teasers.

use bodytext::{Cleaner, Options, PageType};

const ARTICLE: &str = "Home | News | Sport | Weather\n\n\
Council votes to repair the old bridge\n\n\
By Jane Doe, 3 May 2024\n\n\
The town council voted on Tuesday to repair the old stone bridge over the river before the \
winter storms, which last year closed it for a month and cut the town in two.\n\n\
Engineers had warned in the spring that the arches were weakening, and the council's \
transport committee asked for a full survey of the structure before any work could begin.\n\n\
The repairs will cost about two million pounds, most of it paid by a grant from the \
regional government, and the work is expected to take until the end of the autumn.\n\n\
Residents on both banks said they were relieved, although some shop owners worried that \
the closures during the work would keep customers away for several months.\n\n\
The council will publish the timetable of the closures next week, after talks with the \
bus company and the schools that depend on the crossing.\n\n\
Share this article\n\n\
© 2024 Example News. All rights reserved.\n";

/// A blog's list of dated teasers, shared with the Python binding's tests.
const LISTING: &str = include_str!("fixtures/listing.txt");

#[test]
fn an_article_is_an_article() {
    let doc = bodytext::extract(ARTICLE);
    assert_eq!(doc.page_type, PageType::Article, "{doc:?}");
    assert!(doc.page_type_probability > 0.3 && doc.page_type_probability <= 1.0);
}

#[test]
fn a_list_of_teasers_is_a_listing() {
    let doc = bodytext::extract(LISTING);
    assert_eq!(doc.page_type, PageType::Listing, "{doc:?}");
}

#[test]
fn a_given_type_overrides_detection() {
    let cleaner = Cleaner::new(Options::default().page_type(PageType::Forum)).unwrap();
    let doc = cleaner.extract(ARTICLE);
    assert_eq!(doc.page_type, PageType::Forum);
    assert_eq!(doc.page_type_probability, 1.0);
    // A forum's bar is an article's.
    assert_eq!(doc.body, bodytext::clean(ARTICLE));
}
