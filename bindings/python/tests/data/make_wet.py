"""Writes sample.warc.wet.gz for the datatrove tests: a warcinfo record and four
conversion records laid out as Common Crawl's WET files are (one gzip member per record,
no payload type, so datatrove's WarcReader sniffs it). The last page is boilerplate only.
Run from this folder: python3 make_wet.py"""

import gzip

PAGES = [
    (
        "https://news.example.org/storm",
        "<urn:uuid:00000000-0000-4000-8000-000000000001>",
        "en",
        "Home | News | Sport | Weather\n\nStorm closes coastal roads\n\n"
        "Heavy rain and strong winds closed several coastal roads on Tuesday, and the "
        "authorities asked drivers to stay at home until the storm has passed over the region.\n\n"
        "Officials said the roads would reopen once the water had drained away and the damage "
        "had been checked by engineers, which could take until the end of the week.\n\n"
        "Share this article\nFacebook\nTwitter\n\u00a9 2024 Example News. All rights reserved.",
    ),
    (
        "https://blog.example.de/garten",
        "<urn:uuid:00000000-0000-4000-8000-000000000002>",
        "de",
        "Startseite | Impressum | Kontakt\n\nTomaten im Herbst\n\n"
        "Wenn die Nächte kühler werden, reifen die letzten Tomaten nur noch langsam. Wer die "
        "grünen Früchte jetzt erntet und in einem warmen Raum lagert, kann sie oft noch "
        "wochenlang genießen.\n\n"
        "Ein Stück Zeitungspapier zwischen den Früchten verhindert, dass sich Fäulnis von einer "
        "Tomate auf die nächste ausbreitet, und ein Apfel in der Kiste beschleunigt das Reifen.\n\n"
        "Kommentar schreiben\nNewsletter abonnieren",
    ),
    (
        "https://example.com/recipes/bread",
        "<urn:uuid:00000000-0000-4000-8000-000000000003>",
        "en",
        "Sign in | Subscribe\n\nA simple country loaf\n\n"
        "Mix the flour, water, salt and a little yeast in the evening, cover the bowl and leave "
        "the dough on the kitchen counter overnight, where it will slowly rise and develop its "
        "flavour.\n\n"
        "In the morning, shape the dough into a round loaf, let it rest for an hour, and bake it "
        "in a very hot covered pot for forty minutes until the crust is deep brown.\n\n"
        "Related recipes\nMost popular\nCookie settings",
    ),
    (
        "https://shop.example.net/",
        "<urn:uuid:00000000-0000-4000-8000-000000000004>",
        "en",
        "Home | Shop | Cart | Sign in\n\nSubscribe to our newsletter\n\n"
        "Follow us on Facebook\nTwitter\nInstagram\n\n"
        "\u00a9 2024 Example Shop. All rights reserved.\nPrivacy policy | Terms of use",
    ),
]


def record(fields, body: bytes) -> bytes:
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields)
    head += f"Content-Length: {len(body)}\r\n\r\n"
    return head.encode() + body + b"\r\n\r\n"


records = [
    record(
        [
            ("WARC-Type", "warcinfo"),
            ("WARC-Date", "2024-01-01T00:00:00Z"),
            ("WARC-Filename", "sample.warc.wet.gz"),
            ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000000>"),
            ("Content-Type", "application/warc-fields"),
        ],
        b"Software-Info: bodytext test fixture\r\n",
    )
]
for url, rid, lang, text in PAGES:
    records.append(
        record(
            [
                ("WARC-Type", "conversion"),
                ("WARC-Target-URI", url),
                ("WARC-Date", "2024-01-01T00:00:00Z"),
                ("WARC-Record-ID", rid),
                ("WARC-Refers-To", "<urn:uuid:ffffffff-0000-4000-8000-000000000000>"),
                ("WARC-Identified-Content-Language", lang),
                ("Content-Type", "text/plain"),
            ],
            text.encode(),
        )
    )
with open("sample.warc.wet.gz", "wb") as f:
    for r in records:
        f.write(gzip.compress(r, mtime=0))
