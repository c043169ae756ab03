//! The summary: counts by severity and the most urgent failures.

use super::*;

pub(super) fn layout(report: &OperatorReport) -> Section {
    let s = &report.summary;
    let t = &s.totals;
    let mut blocks = vec![
        Block::Stats(vec![
            stat(
                "Failed",
                t.fail,
                good_unless(t.fail, Tone::Bad),
            ),
            stat(
                "Not verified",
                t.unknown,
                good_unless(t.unknown, Tone::Warn),
            ),
            stat("Passed", t.pass, Tone::Plain),
            stat("Waived", t.waived, Tone::Muted),
            stat("Instances", report.inventory.total, Tone::Plain),
            stat("Scaling groups", report.scaling.len(), Tone::Plain),
        ]),
        para(
            Basis::Judgement,
            format!(
                "{} rules judged every resource of their type: each (rule, resource) pair is a finding that passed, failed, could not be verified (the data it needs is missing: not a pass) or was waived.{}",
                report.header.rules,
                match report.header.not_configured {
                    0 => String::new(),
                    n => format!(" {n} more judged nothing: a parameter they need is not set (see Open questions)."),
                }
            ),
        ),
        Block::Table(table(
            "Findings by severity",
            Basis::Judgement,
            &[
                ("Severity", KEY),
                ("Failed", NUM),
                ("Not verified", NUM),
                ("Passed", NUM),
                ("Waived", NUM),
            ],
            s.by_severity
                .iter()
                .map(|(sev, t)| {
                    vec![
                        toned(sev.as_str(), severity_tone(*sev)),
                        toned(
                            t.fail.to_string(),
                            if t.fail > 0 { severity_tone(*sev) } else { Tone::Plain },
                        ),
                        t.unknown.to_string().into(),
                        t.pass.to_string().into(),
                        t.waived.to_string().into(),
                    ]
                })
                .collect(),
            "No findings.",
        )),
    ];
    if let Some(tally) = &s.baseline {
        blocks.push(para(
            Basis::Judgement,
            format!("Against the baseline: {tally}."),
        ));
    }
    blocks.push(Block::Table(finding_table(
        format!(
            "The {} most urgent failures (of {}), most severe first",
            s.urgent.len().min(URGENT),
            s.failures
        ),
        &s.urgent,
        "No failures.",
    )));
    Section {
        id: "summary",
        title: "Summary",
        blocks,
    }
}
