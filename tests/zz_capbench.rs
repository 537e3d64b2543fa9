use dsg_explorer::model::capital::*;
#[test]
fn capbench() {
    let mut v: serde_json::Value = serde_json::from_str(include_str!("../public/data/herefordshire-2024-25-mar25.json")).unwrap();
    let t = v["capital"]["schemes"][1].clone();
    println!("life {:?} funding {:?}", t["asset_life"], t["funding"]);
    let schemes: Vec<serde_json::Value> = (0..1000).map(|i| {
        let mut s = t.clone();
        s["id"] = format!("s{i}").into();
        s["name"] = format!("S {i}").into();
        let mut p = serde_json::Map::new();
        for y in 0..60 { p.insert(format!("{}-{:02}", 2024 + y, (25 + y) % 100), "100000".into()); }
        s["profile"] = p.into();
        s["total"]["value"] = "6000000".into();
        s
    }).collect();
    v["capital"]["schemes"] = schemes.into();
    let text = v.to_string();
    let l = dsg_explorer::data::parse_dataset(&text).unwrap();
    let p = Programme::from_dataset(&l.dataset.capital).unwrap();
    let b = dsg_explorer::model::dsg::Baseline::from_dataset(&l.dataset);
    let mut s = dsg_explorer::model::scenario::Scenario::default_for(&b);
    let t0 = std::time::Instant::now();
    let c = revenue_cost(&p, &s.cap.financing);
    println!("revenue_cost {:?} years {}", t0.elapsed(), c.years.len());
    let t0 = std::time::Instant::now();
    let o = dsg_explorer::model::outcome::evaluate(&l.dataset, &b, &s);
    s.cap.slip = rust_decimal::Decimal::new(1,1);
    let t0 = std::time::Instant::now();
    let o2 = dsg_explorer::model::outcome::reevaluate(Some(&o), &l.dataset, &b, &s);
    println!("reevaluate slip {:?}", t0.elapsed()); let _ = o2;
    println!("evaluate {:?}", t0.elapsed());
    let _ = o;
}
