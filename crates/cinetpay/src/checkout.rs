//! Where the customer's browser may be sent: the `payment_url` CinetPay answers is followed only
//! when it is https on CinetPay's own host. A compromised or spoofed answer (or a misconfigured
//! proxy) must not send payers to a look-alike page.

/// Why a checkout URL is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CheckoutUrlRefused {
    #[error("it is not a URL")]
    NotAUrl,
    #[error("it is not https")]
    NotHttps,
    #[error("it carries a user name or a password")]
    Credentials,
    #[error("its host {host:?} is not CinetPay's ({expected})")]
    ForeignHost { host: String, expected: String },
}

/// Whether the browser may be sent to `checkout_url`, given the configured CinetPay `base_url`.
///
/// It must be `https`, without user info, and on CinetPay's host: the base URL's host and port
/// (the sandbox: its own address), or a host of the base host's parent domain on port 443 when the
/// base host is a name of at least three labels (`api-checkout.cinetpay.com` allows
/// `checkout.cinetpay.com`, never `cinetpay.com.example` nor an address).
pub fn checkout_url_allowed(base_url: &str, checkout_url: &str) -> Result<(), CheckoutUrlRefused> {
    let url = url::Url::parse(checkout_url.trim()).map_err(|_| CheckoutUrlRefused::NotAUrl)?;
    if url.scheme() != "https" {
        return Err(CheckoutUrlRefused::NotHttps);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(CheckoutUrlRefused::Credentials);
    }
    let host = url.host_str().ok_or(CheckoutUrlRefused::NotAUrl)?;
    let base = url::Url::parse(base_url.trim()).ok();
    let base_host = base.as_ref().and_then(|base| base.host_str()).unwrap_or_default();
    let foreign = || CheckoutUrlRefused::ForeignHost { host: host.to_owned(), expected: allowed_hosts(base.as_ref()) };
    let Some(base) = base.as_ref().filter(|_| !base_host.is_empty()) else {
        return Err(foreign());
    };
    if host == base_host {
        return if url.port_or_known_default() == base.port_or_known_default() { Ok(()) } else { Err(foreign()) };
    }
    match parent_domain(base) {
        Some(parent) if url.port_or_known_default() == Some(443) && is_within(host, parent) => Ok(()),
        _ => Err(foreign()),
    }
}

/// The domain whose hosts CinetPay's checkout may use: the base host without its first label, when
/// the base host is a domain name of at least three labels.
fn parent_domain(base: &url::Url) -> Option<&str> {
    let url::Host::Domain(domain) = base.host()? else { return None };
    let domain = domain.trim_end_matches('.');
    if domain.split('.').count() < 3 {
        return None;
    }
    domain.split_once('.').map(|(_, parent)| parent)
}

fn is_within(host: &str, parent: &str) -> bool {
    let host = host.trim_end_matches('.');
    host == parent || host.strip_suffix(parent).is_some_and(|prefix| prefix.ends_with('.'))
}

fn allowed_hosts(base: Option<&url::Url>) -> String {
    let Some(base) = base else { return "no valid CinetPay base URL".to_owned() };
    let own = match (base.host_str(), base.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        (None, _) => return "no valid CinetPay base URL".to_owned(),
    };
    match parent_domain(base) {
        Some(parent) => format!("{own} or a host of {parent}"),
        None => own,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIVE: &str = "https://api-checkout.cinetpay.com";

    #[test]
    fn cinetpays_own_checkout_host_is_followed() {
        assert_eq!(checkout_url_allowed(LIVE, "https://checkout.cinetpay.com/payment/3c6ecfd2"), Ok(()));
        assert_eq!(checkout_url_allowed(LIVE, "https://api-checkout.cinetpay.com/payment/3c6e"), Ok(()));
        assert_eq!(checkout_url_allowed(LIVE, "https://CHECKOUT.CinetPay.com:443/payment/x"), Ok(()));
        assert_eq!(checkout_url_allowed(LIVE, "https://cinetpay.com/payment/x"), Ok(()));
    }

    #[test]
    fn the_sandbox_is_followed_on_its_own_address_only() {
        let sandbox = "https://127.0.0.1:8010";
        assert_eq!(checkout_url_allowed(sandbox, "https://127.0.0.1:8010/payment/abc"), Ok(()));
        assert!(matches!(
            checkout_url_allowed(sandbox, "https://127.0.0.1:8011/payment/abc"),
            Err(CheckoutUrlRefused::ForeignHost { .. })
        ));
        assert!(matches!(
            checkout_url_allowed(sandbox, "https://127.0.0.2:8010/payment/abc"),
            Err(CheckoutUrlRefused::ForeignHost { .. })
        ));
        assert_eq!(checkout_url_allowed("https://localhost:8010/", "https://localhost:8010/payment/abc"), Ok(()));
    }

    #[test]
    fn plain_http_is_refused_even_on_the_right_host() {
        assert_eq!(
            checkout_url_allowed(LIVE, "http://checkout.cinetpay.com/payment/x"),
            Err(CheckoutUrlRefused::NotHttps)
        );
        assert_eq!(
            checkout_url_allowed("http://127.0.0.1:8010", "http://127.0.0.1:8010/payment/x"),
            Err(CheckoutUrlRefused::NotHttps)
        );
        assert_eq!(checkout_url_allowed(LIVE, "javascript:alert(1)"), Err(CheckoutUrlRefused::NotHttps));
        assert_eq!(checkout_url_allowed(LIVE, "/payment/x"), Err(CheckoutUrlRefused::NotAUrl));
        assert_eq!(checkout_url_allowed(LIVE, ""), Err(CheckoutUrlRefused::NotAUrl));
    }

    #[test]
    fn look_alike_hosts_are_refused() {
        for url in [
            "https://cinetpay.com.evil.example/payment/x",
            "https://evilcinetpay.com/payment/x",
            "https://checkout.cinetpay.co/payment/x",
            "https://203.0.113.7/payment/x",
            "https://checkout.cinetpay.com:8443/payment/x",
        ] {
            assert!(
                matches!(checkout_url_allowed(LIVE, url), Err(CheckoutUrlRefused::ForeignHost { .. })),
                "{url} should be refused"
            );
        }
        assert_eq!(
            checkout_url_allowed(LIVE, "https://user:pass@checkout.cinetpay.com/payment/x"),
            Err(CheckoutUrlRefused::Credentials)
        );
        // The host is evil.example; the user name alone refuses it.
        assert_eq!(
            checkout_url_allowed(LIVE, "https://api-checkout.cinetpay.com@evil.example/payment/x"),
            Err(CheckoutUrlRefused::Credentials)
        );
    }

    #[test]
    fn a_two_label_base_host_allows_only_itself() {
        let base = "https://cinetpay.com";
        assert_eq!(checkout_url_allowed(base, "https://cinetpay.com/payment/x"), Ok(()));
        assert!(checkout_url_allowed(base, "https://evil.com/payment/x").is_err());
        assert!(checkout_url_allowed(base, "https://checkout.cinetpay.com/payment/x").is_err());
    }

    #[test]
    fn the_refusal_names_the_expected_hosts() {
        let refused = checkout_url_allowed(LIVE, "https://evil.example/p").expect_err("refused");
        assert_eq!(
            refused.to_string(),
            "its host \"evil.example\" is not CinetPay's (api-checkout.cinetpay.com or a host of cinetpay.com)"
        );
        assert!(checkout_url_allowed("not a url", "https://evil.example/p").is_err());
    }
}
