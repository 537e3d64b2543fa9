fn main() {
    console_error_panic_hook::set_once();
    dsg_explorer::ui::takeover::mount();
}
