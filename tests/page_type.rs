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

/// A thread whose posts each end with their author's signature.
const THREAD: &str = "Forum index > Gardening > Tomatoes\n\n\
Why are my tomato leaves turning yellow?\n\n\
greenthumb wrote on 3 May 2024:\n\n\
My tomato plants have had yellow leaves at the bottom for two weeks now, and the spots \
are spreading up the stems even though I water them every morning before work.\n\n\
Sent from my garden shed\n\n\
oldfarmer wrote on 3 May 2024:\n\n\
Yellow leaves low on the plant are usually a sign of early blight, so pick them off and \
water the soil rather than the leaves, which keeps the spores from splashing up.\n\n\
Sent from my garden shed\n\n\
greenthumb wrote on 4 May 2024:\n\n\
Thanks, I picked off the worst leaves and moved the hose to the ground, and the new \
growth at the top of the plants already looks much greener than it did last week.\n\n\
Sent from my garden shed\n\n\
Reply to this topic\n";

#[test]
fn a_forum_keeps_one_copy_of_a_signature() {
    let as_forum = Cleaner::new(Options::default().page_type(PageType::Forum)).unwrap();
    let as_article = Cleaner::new(Options::default().page_type(PageType::Article)).unwrap();
    let count = |body: &str| {
        body.lines()
            .filter(|l| *l == "Sent from my garden shed")
            .count()
    };
    let forum = as_forum.clean(THREAD);
    let article = as_article.clean(THREAD);
    println!("{forum}\n---\n{article}");
    assert!(forum.contains("early blight"), "{forum}");
    assert_eq!(count(&forum), 1, "{forum}");
    assert!(count(&article) >= 2, "{article}");
}
