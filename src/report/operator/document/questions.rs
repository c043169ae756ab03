//! Open questions, laid out: all of it not verified.

use super::*;

pub(super) fn layout(q: &OpenQuestions) -> Section {
    let mut blocks = vec![
        para(
            Basis::NotVerified,
            "Nothing in this section is known to be fine: each item is data the snapshot lacks or a judgement that could not be made.",
        ),
        Block::Table(table(
            format!("Findings not verified ({})", q.unknown_findings),
            Basis::NotVerified,
            &[
                ("Rule", KEY),
                ("Region", KEY),
                ("What could not be judged, and why", TEXT),
                ("Findings", NUM),
                ("Resources", TEXT),
            ],
            q.unknown
                .iter()
                .map(|u| {
                    vec![
                        u.rule_id.clone().into(),
                        u.region.clone().unwrap_or_else(|| "all".into()).into(),
                        format!("{}: {}", u.title, u.why).into(),
                        u.resources.len().to_string().into(),
                        format!("{}: {}", u.kind, u.resources.join(", ")).into(),
                    ]
                })
                .collect(),
            "Every finding could be judged.",
        )),
        Block::Table(table(
            format!("Collection errors ({})", q.collection_errors.len()),
            Basis::Fact,
            &[("API call", TEXT), ("Region", KEY), ("Code", KEY), ("Message", TEXT)],
            q.collection_errors
                .iter()
                .map(|e| {
                    vec![
                        format!("{} {}", e.product, e.action).into(),
                        e.region.clone().into(),
                        toned(e.code.clone(), Tone::Bad),
                        e.message.clone().into(),
                    ]
                })
                .collect(),
            "Every API call succeeded.",
        )),
    ];
    let mut gaps: Vec<String> = q
        .missing_collections
        .iter()
        .map(|c| format!("`{c}` is not in the snapshot."))
        .collect();
    gaps.extend(
        q.missing_nested
            .iter()
            .map(|(g, c)| format!("Scaling group {g} has no `{c}`.")),
    );
    gaps.extend(q.unresolved.iter().cloned());
    gaps.extend(
        q.rule_errors
            .iter()
            .map(|(id, at, msg)| format!("Rule {id} could not be evaluated ({at}): {msg}")),
    );

    if !gaps.is_empty() {
        blocks.push(Block::Subheading("Gaps in this snapshot".into()));
        blocks.push(Block::Bullets {
            basis: Basis::NotVerified,
            items: gaps,
        });
    }
    if !q.not_configured.is_empty() {
        blocks.push(Block::Subheading("Rules not configured".into()));
        blocks.push(Block::Bullets {
            basis: Basis::NotVerified,
            items: q
                .not_configured
                .iter()
                .map(|(id, title, needs)| format!("{id} ({title}) was not run: it {needs}."))
                .collect(),
        });
    }
    blocks.push(Block::Subheading("Never in a snapshot".into()));
    blocks.push(Block::Bullets {
        basis: Basis::NotVerified,
        items: q.out_of_scope.iter().map(|s| s.to_string()).collect(),
    });
    Section {
        id: "questions",
        title: "Open questions",
        blocks,
    }
}
