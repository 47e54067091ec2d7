//! The staging folder a build writes into: what an earlier, killed build left behind is
//! cleared, and only if briefgen made it.

mod common;

use std::fs;

use common::Fixture;

fn leftovers(f: &Fixture) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(f.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    names.sort();
    names
}

#[test]
fn a_killed_builds_staging_folder_is_removed_by_the_next_build_and_nothing_else() {
    let f = Fixture::new();
    f.article(
        "briefings/a.md",
        "title = \"A\"\ndate = 2024-01-01",
        "Body.",
    );
    // What kill -9 leaves: a marked staging folder of a process that is gone, full of pages,
    // and a marked old output of the same build.
    let gone = u32::MAX - 7;
    for dir in [".public.building-Ab12Cd", ".public.old-Ef34Gh"] {
        f.write(
            &format!("{dir}/.briefgen-staging"),
            &format!("briefgen staging folder\npid {gone}\n"),
        );
        f.write(&format!("{dir}/briefings/a/index.html"), "<p>stale</p>");
    }
    // Folders briefgen did not make, or whose build is still running (pid 1 always is), stay.
    f.write(".public.building-mine/notes.txt", "someone's own folder");
    f.write(
        ".public.building-running/.briefgen-staging",
        "briefgen staging folder\npid 1\n",
    );
    f.write(
        ".public.building-garbled/.briefgen-staging",
        "not a marker\n",
    );

    f.build(&[]);
    assert_eq!(
        leftovers(&f),
        [
            ".public.building-garbled",
            ".public.building-mine",
            ".public.building-running"
        ]
    );
    assert!(f.exists("briefings/a/index.html"));
    assert!(
        !f.exists(".briefgen-staging"),
        "the marker never reaches the output"
    );
    // The next build replaces the output; it leaves no folder of its own behind either.
    f.build(&[]);
    assert!(!f.exists(".briefgen-staging"));
    assert_eq!(leftovers(&f).len(), 3);
}
