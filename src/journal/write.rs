//! The journal's values written by hand ([`crate::model::write`]): a
//! record, a stored record with its state, a draft.

use super::form::Draft;
use super::record::{on_grid, Activity, ActivityType, Attachment, Author, Participants, Position};
use super::state::{Receipt, Retry, State, Stored, STATE_TAGS};
use crate::model::write::{object, string, write_struct, Always, Write};

write_struct!(Activity {
    id,
    schema_version,
    revision,
    corrects: skip,
    created_at,
    updated_at,
    utc_offset,
    author,
    device_id,
    project,
    region,
    cercle: skip,
    locality: skip,
    date,
    start_time: skip,
    duration_min: skip,
    activity_type,
    activity_type_other: skip,
    indicators: skip,
    title,
    description: skip,
    participants,
    position: skip,
    attachments: skip,
});
write_struct!(Author { name, cso, phone: skip });
write_struct!(Participants { women, men, young_women, young_men, disabled: skip, total });
write_struct!(Stored { record, state });
write_struct!(Retry { at_ms, error });
write_struct!(Receipt { server_id, server_time, received_at });
write_struct!(Draft {
    id,
    editing,
    corrects,
    created_at,
    updated_at,
    project,
    region,
    cercle,
    locality,
    date,
    start_time,
    duration_min,
    activity_type,
    activity_type_other,
    indicators,
    title,
    description,
    women,
    men,
    young_women,
    young_men,
    disabled,
    position,
});

/// On its grid, as it is read.
impl Write for Position {
    fn write(&self, out: &mut String) {
        let (lat, lon, m) = (on_grid(self.lat, 1e7), on_grid(self.lon, 1e7), on_grid(self.accuracy_m, 10.0));
        object(&[("lat", &lat), ("lon", &lon), ("accuracy_m", &m)], out)
    }
}

impl Write for ActivityType {
    fn write(&self, out: &mut String) {
        string(self.code(), out)
    }
}

/// As it came.
impl Write for Attachment {
    fn write(&self, out: &mut String) {
        out.push_str(self.json())
    }
}

/// Externally tagged: `{"queued":{"attempts":0}}`.
impl Write for State {
    fn write(&self, out: &mut String) {
        let tag = match self {
            State::Queued { .. } => 0,
            State::Sent { .. } => 1,
            State::Refused { .. } => 2,
        };
        out.push('{');
        string(STATE_TAGS[tag], out);
        out.push(':');
        match self {
            State::Queued { attempts, retry } => object(&[("attempts", &Always(attempts)), ("retry", retry)], out),
            State::Sent { receipt } => object(&[("receipt", &Always(receipt))], out),
            State::Refused { reason, conflict } => object(&[("reason", &Always(reason)), ("conflict", conflict)], out),
        }
        out.push('}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::write::tests::same;

    const FIXTURE: &str = include_str!("../../tests/fixtures/record-v1.json");

    #[test]
    fn every_activity_type_is_written_and_read_as_serde_names_it() {
        for t in ActivityType::ALL {
            same(&t);
            assert_eq!(crate::model::read::read::<ActivityType>(&serde_json::to_string(&t).unwrap()).unwrap(), t);
        }
    }

    #[test]
    fn records_states_and_drafts_as_serde_json_writes_them() {
        let mut a = Activity::from_json(FIXTURE).unwrap();
        same(&a);
        a.corrects = Some("c".into());
        a.cercle = None;
        a.locality.clear();
        a.start_time = None;
        a.duration_min = Some(0);
        a.indicators.clear();
        a.description = "l1\nl2 \"q\" \\ \u{1}".into();
        a.participants.disabled = None;
        a.position = Some(Position { lat: 13.04491234567, lon: -0.1, accuracy_m: 1e9 });
        a.attachments = vec![Attachment::from_json("{\"id\": [1, 2.50]}").unwrap(), Attachment::from_json("\"x\"").unwrap()];
        a.author.phone.clear();
        same(&a);
        for state in [
            State::Queued { attempts: 0, retry: None },
            State::Queued { attempts: 3, retry: Some(Retry { at_ms: u64::MAX, error: "http:500".into() }) },
            State::Sent { receipt: Receipt { server_id: "s".into(), server_time: "t".into(), received_at: "r".into() } },
            State::Refused { reason: "no".into(), conflict: false },
            State::Refused { reason: String::new(), conflict: true },
        ] {
            same(&state);
            same(&Stored { record: a.clone(), state });
        }
        let mut d = Draft::default();
        same(&d);
        d.editing = Some(2);
        d.indicators = vec!["i".into()];
        d.position = Some(Position { lat: 1.0, lon: 2.5, accuracy_m: 0.0 });
        same(&d);
    }
}
