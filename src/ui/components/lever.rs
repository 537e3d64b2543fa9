//! One lever: label, unit, help, and a slider with a number box beside it (WCAG 2.5.7: a way
//! to set it without dragging), or a select for choices. The shown value is always derived from
//! the scenario, never copied, so a restored link or the back button shows true values.
//!
//! Everything about the lever comes from its registry entry (`model::levers`): the input's
//! text is read once into a typed value and set with the entry's own checks and conversion.

use crate::model::levers::{self, Control};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// One control per placement kind the figures in use have, from the lever keys `prefix.<kind>`
/// (e.g. `hn.growth.` or `mc.spread.`): a kind with no placement line has no lever to move.
/// Redrawn when other figures are loaded.
#[component]
pub fn KindLevers(prefix: &'static str) -> impl IntoView {
    let app = use_app();
    let keys = crate::ui::memo::memo(move |_| {
        app.baseline.with(|b| {
            let Some(b) = b else { return vec![] };
            // In the management plan's order of provision types, as Sources and the workbooks list them.
            let mut defs: Vec<_> = levers::LEVERS.iter().filter(|d| d.key.starts_with(prefix) && d.applies(b)).filter_map(|d| Some((crate::workbook::provision::category_of(d.placement_kind()?), d.key))).collect();
            crate::sorting::sort_by(&mut defs, |a, b| a.cmp(b));
            defs.into_iter().map(|(_, key)| key).collect::<Vec<_>>()
        })
    });
    move || keys.get().into_iter().map(|key| view! { <LeverControl key=key/> }).collect::<Vec<_>>()
}

/// One lever's labelled slider and number box (or choice). Each is drawn in a task of its own in
/// the app's first view (`Later`): a page has up to 25.
#[component]
pub fn LeverControl(key: &'static str) -> impl IntoView {
    view! { <super::later::Later><LeverNow key=key/></super::later::Later> }
}

#[component]
fn LeverNow(key: &'static str) -> impl IntoView {
    let app = use_app();
    let Some(b) = app.baseline.get_untracked() else { return ().into_any() };
    let Some(lever) = levers::by_key(key) else { return ().into_any() };
    let value = crate::ui::memo::memo(move |_| app.scenario.with(|s| s.as_ref().map(|s| lever.get(s).text())).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let idle = crate::ui::memo::memo(move |_| app.scenario.with(|s| s.as_ref().and_then(|s| lever.idle(s))));
    // A default the dataset sets (a council's own interest rate), said where the help says
    // what the app assumes without one.
    let from_file = app.data.with_untracked(|d| d.as_ref().and_then(|d| levers::file_figure(key, &d.dataset).map(|f| file_words(f, &d.dataset))));
    // A setting these figures never use (no scheme with mixed funding, say) says so: moved, it
    // changes nothing, which read as a fault (a trial, 2026-12-07).
    let unused = app.data.with_untracked(|d| d.as_ref().and_then(|d| levers::unused_by(key, &d.dataset)).map(|why| format!(" Not used by these figures: {why}.")));
    let id = crate::model::levers::control_id(key);
    let help_id = format!("{id}-help");
    let err_id = format!("{id}-err");
    let b2 = b.clone();
    let apply = move |text: String| {
        // Work on a copy and store it only if the value is accepted, so a refused value
        // changes nothing and wakes nothing.
        let value = match lever.parse(&text) {
            Ok(v) => v,
            Err(e) => return error.set(Some(in_the_fields_words(&e))),
        };
        let next = app.scenario.with_untracked(|s| {
            s.as_ref().map(|s| {
                let mut next = s.clone();
                next.set_value(lever, &value, &b2).map(|_| next)
            })
        });
        match next {
            Some(Ok(next)) => {
                error.set(None);
                app.scenario.set(Some(next));
            }
            Some(Err(e)) => error.set(Some(in_the_fields_words(&e))),
            None => {}
        }
    };
    let control = lever.control(&b);
    let radios = matches!(&control, Control::Choice { options } if options.len() <= MAX_RADIOS);
    let control = match control {
        Control::Number { min, max, step, suffix } => {
            let apply2 = apply.clone();
            // Without a slider the box is the control, with its id: links to the lever (Sources'
            // "Changed on") land on it (a review found the seed's link landing nowhere).
            let has_slider = slides(min, max, step);
            let number_id = if has_slider { format!("{id}-n") } else { id.clone() };
            // A count (years, draws, the seed) gets the digits keypad; an amount keeps the one
            // with a decimal point, for pence or a part of a place.
            let mode = match lever.kind {
                levers::Kind::Number { unit: levers::DisplayUnit::Years | levers::DisplayUnit::Draws | levers::DisplayUnit::Whole, .. } => "numeric",
                _ => "decimal",
            };
            // The starting value also as an attribute, for the pre-rendered page (properties
            // are not written into HTML); the property follows the scenario after that.
            let initial = value.get_untracked();
            // A value between the slider's steps (from a link, or typed) is an exact input the
            // model uses: the box takes any value then, where its step would mark it invalid.
            let box_step = move || if on_step(&value.get(), min, step) { step.to_string() } else { "any".into() };
            // The choice it is used with, for the pre-rendered page's script (prerender.js) only.
            let needs = lever.needs().filter(|_| crate::ui::browser::PRERENDER).map(|(key, code, _)| format!("{}={code}", levers::control_id(key)));
            let slider = has_slider.then(|| {
                let (needs, initial, help_id) = (needs.clone(), initial.clone(), help_id.clone());
                view! {
                    <input type="range" id=id.clone() min=min.to_string() max=max.to_string() step=step.to_string()
                        value=initial prop:value=move || value.get() aria-describedby=help_id disabled=move || idle.get().is_some() data-needs=needs
                        aria-valuetext=move || format!("{} {}", value.get(), suffix)
                        on:input=move |ev| apply(event_target_value(&ev))/>
                }
            });
            // Without a slider the box is what the help describes.
            let described = if has_slider { err_id.clone() } else { format!("{help_id} {err_id}") };
            view! {
                <div class="row">
                    {slider}
                    // The box and its unit wrap together: on a phone the unit sat alone on a
                    // line under the slider, like a caption of the next lever.
                    <span class="entry">
                    <input type="number" id=number_id.clone() min=min.to_string() max=max.to_string() step=box_step
                        class=(!has_slider).then_some("wide") inputmode=mode value=initial prop:value=move || value.get() disabled=move || idle.get().is_some() data-needs=needs
                        aria-label=if suffix.is_empty() { lever.label.to_string() } else { format!("{} ({})", lever.label, suffix) }
                        aria-invalid=move || error.with(|e| e.is_some()).then_some("true")
                        aria-describedby=described
                        on:change=move |ev| apply2(event_target_value(&ev))/>
                    <span class="unit">{suffix}</span>
                    </span>
                </div>
            }
            .into_any()
        }
        // A few choices are radios, whose labels wrap: a select shows its choice on one line,
        // cut at 320 px ("£17.2m, March 2025 forecas"). Many (years) stay a select.
        Control::Choice { options } if radios => {
            let initial = value.get_untracked();
            view! {
                <div class="choices" role="radiogroup" id=id.clone() aria-labelledby=format!("{id}-label") aria-describedby=help_id.clone()>
                    {options.into_iter().map(|(v, label)| {
                        let (v2, v3, apply) = (v.clone(), v.clone(), apply.clone());
                        view! {
                            <label>
                                <input type="radio" name=id.clone() value=v checked=initial == v2 prop:checked=move || value.get() == v3
                                    on:change=move |ev| apply(event_target_value(&ev))/>
                                <span>{label}</span>
                            </label>
                        }
                    }).collect::<Vec<_>>()}
                </div>
            }
            .into_any()
        }
        Control::Choice { options } => view! {
            <select id=id.clone() aria-describedby=help_id.clone() prop:value=move || value.get() on:change=move |ev| apply(event_target_value(&ev))>
                {options.into_iter().map(|(v, label)| {
                    let v2 = v.clone();
                    view! { <option value=v selected=move || value.get() == v2>{label}</option> }
                }).collect::<Vec<_>>()}
            </select>
        }
        .into_any(),
    };
    view! {
        <div class="lever" data-lever=key>
            {if radios {
                view! { <span class="label" id=format!("{id}-label")>{lever.label}</span> }.into_any()
            } else {
                view! { <label for=id>{lever.label}</label> }.into_any()
            }}
            <span class="help" id=help_id>{lever.help}{from_file}{unused}{lever.needs().map(|(_, _, why)| view! {
                // Hidden, not left out, while in use: the pre-rendered page's script shows it.
                <span data-idle-why="" hidden=move || idle.get().is_none()>{format!(" {why}")}</span>
            })}</span>
            {control}
            <p class="field-error" id=err_id role="status">{move || error.get()}</p>
        </div>
    }
    .into_any()
}

/// Whether a number lever has a slider beside its box: not where its steps are too many for one
/// to mean anything (a keyboard moved the random seed by 1 in 4,294,967,295, a trial found).
fn slides(min: rust_decimal::Decimal, max: rust_decimal::Decimal, step: rust_decimal::Decimal) -> bool {
    step > rust_decimal::Decimal::ZERO && (max - min) / step <= rust_decimal::Decimal::from(100_000)
}

/// " These figures give 4%: why." for a default the file sets, with its reason, or the paper
/// (and place in it) it comes from.
pub fn file_words(f: &crate::data::figure::Figure<crate::data::figure::Rate>, ds: &crate::data::Dataset) -> String {
    use crate::data::figure::Status;
    let rate = crate::units::money::pct_exact(f.value);
    let paper = || f.source.as_ref().and_then(|id| ds.documents.iter().find(|d| &d.id == id)).map(|d| d.title.clone());
    let why = match f.status {
        Status::Published => paper().map(|t| format!(", from {t}{}", f.reference.as_ref().map(|r| format!(" ({r})")).unwrap_or_default())),
        Status::Derived => f.note.clone().map(|n| format!(": {n}")),
        Status::Assumption => f.reason.clone().map(|r| format!(": {r}")),
    }
    .unwrap_or_default();
    let why = why.trim_end_matches('.');
    format!(" These figures give {rate}{why}.")
}

/// The most choices a lever shows as radios rather than a select.
const MAX_RADIOS: usize = 4;

/// Whether `text` is `min` plus a whole number of `step`s (text that is no number counts as on
/// a step: the box then shows the lever's own refusal).
fn on_step(text: &str, min: rust_decimal::Decimal, step: rust_decimal::Decimal) -> bool {
    // from_str_exact and a division, as the levers' own parsing uses: no more of rust_decimal
    // in the wasm for this.
    match rust_decimal::Decimal::from_str_exact(text.trim()) {
        Ok(v) if !step.is_zero() => v.checked_sub(min).and_then(|d| d.checked_div(step)).is_none_or(|q| q.fract().is_zero()),
        _ => true,
    }
}

/// A lever's refusal as its field shows it, under the field's label: the message names no
/// lever (`LeverDef::check`), so it only needs a capital.
fn in_the_fields_words(message: &str) -> String {
    if message == crate::model::levers::EMPTY_NUMBER {
        return "Enter a number".into();
    }
    let mut chars = message.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{in_the_fields_words, on_step};
    use rust_decimal::Decimal;

    #[test]
    fn a_value_between_the_steps_is_told_apart() {
        let (min, step) = (Decimal::new(-20, 0), Decimal::new(5, 1));
        assert!(on_step("13.5", min, step) && on_step("-20", min, step) && on_step("40", min, step));
        assert!(!on_step("13.33333", min, step) && !on_step("0.25", min, step));
        assert!(on_step("", min, step) && on_step("abc", min, step));
    }

    #[test]
    fn a_fields_message_is_the_levers_own_with_a_capital() {
        // The lever's messages name no lever: the field's label is above them.
        let b = crate::model::dsg::Baseline::from_dataset(&crate::testing::shipped().dataset);
        let growth = crate::model::levers::by_key("hn.growth.mainstream").unwrap();
        let e = growth.parse("99").and_then(|v| growth.check(&v, &b)).unwrap_err();
        assert_eq!(in_the_fields_words(&e), "99 is outside -20 to 40");
        let years = crate::model::levers::by_key("hn.places.years").unwrap();
        assert_eq!(in_the_fields_words(&years.parse("2.5").and_then(|v| years.check(&v, &b)).unwrap_err()), "Needs a whole number, got 2.5");
        assert_eq!(in_the_fields_words(&growth.parse("abc").unwrap_err()), "\"abc\" is not a number");
        assert_eq!(growth.parse("").unwrap_err(), "is empty: a number is needed");
        assert_eq!(in_the_fields_words(&growth.parse(" ").unwrap_err()), "Enter a number");
    }
}

#[cfg(test)]
mod file_words_tests {
    use super::file_words;

    #[test]
    fn a_rate_the_file_sets_is_said_with_its_reason_or_its_paper() {
        let own = crate::testing::avila_with(|v| {
            let doc = v["documents"][0]["id"].clone();
            v.pointer_mut("/high_needs/model").unwrap().as_object_mut().unwrap().insert("deficit_interest_rate".into(), serde_json::json!({ "value": "0.031", "unit": "rate", "status": "assumption", "reason": "Our treasury adviser's forecast." }));
            v.pointer_mut("/capital").unwrap().as_object_mut().unwrap().insert("borrowing_rate".into(), serde_json::json!({ "value": "0.05", "unit": "rate", "status": "published", "source": doc, "ref": "para 12" }));
        });
        let ds = &own.dataset;
        let carry = crate::model::levers::file_figure("hn.carry.rate", ds).unwrap();
        assert_eq!(file_words(carry, ds), " These figures give 3.1%: Our treasury adviser's forecast.");
        let borrowing = crate::model::levers::file_figure("cap.rate", ds).unwrap();
        assert_eq!(file_words(borrowing, ds), format!(" These figures give 5%, from {} (para 12).", ds.documents[0].title));
        assert!(crate::model::levers::file_figure("cap.slip", ds).is_none());
        assert!(crate::model::levers::file_figure("cap.rate", &crate::testing::avila().dataset).is_none(), "a file without one gives none");
    }
}
