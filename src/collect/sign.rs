//! RPC request signing, signature version 1.0 (HMAC-SHA1, Base64), as the
//! aliyun CLI and SDKs do it for ECS, ESS and ECI (Alibaba's documents call
//! it "signature method V2").
//!
//! All parameters but `Signature` are sorted by name in byte order, names
//! and values percent-encoded as RFC 3986 unreserved characters, joined,
//! encoded once more into the string to sign, and signed with the
//! AccessKey secret followed by `&`.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;

/// RFC 3986 encoding: `A-Z a-z 0-9 - _ . ~` stay, every other UTF-8 byte
/// becomes `%XY` (so a space is `%20`, never `+`).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `name=value&…` over the parameters sorted by name (byte order), both
/// encoded. This is also the query string sent on the wire.
pub fn canonical_query<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut pairs: Vec<(&str, &str)> = params
        .into_iter()
        .filter(|(k, _)| *k != "Signature")
        .collect();
    pairs.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `METHOD&%2F&` followed by the encoded canonical query.
pub fn string_to_sign(method: &str, canonical_query: &str) -> String {
    format!(
        "{method}&{}&{}",
        percent_encode("/"),
        percent_encode(canonical_query)
    )
}

/// Base64(HMAC-SHA1(secret + "&", string_to_sign)).
pub fn signature(access_key_secret: &str, string_to_sign: &str) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(format!("{access_key_secret}&").as_bytes())
        .expect("HMAC takes any key length");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Signs `params` for `method` and returns the full query string to send,
/// `Signature` included.
pub fn signed_query<'a>(
    method: &str,
    access_key_secret: &str,
    params: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> String {
    let query = canonical_query(params);
    let sig = signature(access_key_secret, &string_to_sign(method, &query));
    format!("{query}&Signature={}", percent_encode(&sig))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Vector {
        method: &'static str,
        secret: &'static str,
        params: &'static [(&'static str, &'static str)],
        string_to_sign: &'static str,
        signature: &'static str,
    }

    /// The documented ECS example and the vectors checked against three
    /// official SDK signers (../shared/reference/alibaba-api.md §1.5–1.6).
    const VECTORS: &[Vector] = &[
        Vector {
            method: "GET",
            secret: "testsecret",
            params: &[
                ("AccessKeyId", "testid"),
                ("Action", "DescribeRegions"),
                ("Format", "XML"),
                ("SignatureMethod", "HMAC-SHA1"),
                ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
                ("SignatureVersion", "1.0"),
                ("TimeStamp", "2016-02-23T12:46:24Z"),
                ("Version", "2014-05-26"),
            ],
            string_to_sign: "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
            signature: "CT9X0VtwR86fNWSnsc6v8YGOjuE=",
        },
        Vector {
            method: "GET",
            secret: "testsecret",
            params: &[
                ("AccessKeyId", "testid"),
                ("Action", "DescribeInstances"),
                ("Format", "JSON"),
                ("RegionId", "cn-hangzhou"),
                ("PageNumber", "1"),
                ("PageSize", "100"),
                ("Tag.1.Key", "env name"),
                ("Tag.1.Value", "生产 环境*~v1"),
                ("Tag.2.Key", "owner"),
                ("Tag.2.Value", "a+b/c=d&e"),
                ("SignatureMethod", "HMAC-SHA1"),
                ("SignatureNonce", "c8a0e9b6-1f2d-4a3b-9c8d-0e1f2a3b4c5d"),
                ("SignatureVersion", "1.0"),
                ("Timestamp", "2024-01-15T08:30:00Z"),
                ("Version", "2014-05-26"),
            ],
            string_to_sign: "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeInstances%26Format%3DJSON%26PageNumber%3D1%26PageSize%3D100%26RegionId%3Dcn-hangzhou%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dc8a0e9b6-1f2d-4a3b-9c8d-0e1f2a3b4c5d%26SignatureVersion%3D1.0%26Tag.1.Key%3Denv%2520name%26Tag.1.Value%3D%25E7%2594%259F%25E4%25BA%25A7%2520%25E7%258E%25AF%25E5%25A2%2583%252A~v1%26Tag.2.Key%3Downer%26Tag.2.Value%3Da%252Bb%252Fc%253Dd%2526e%26Timestamp%3D2024-01-15T08%253A30%253A00Z%26Version%3D2014-05-26",
            signature: "Yy/tP0jsLR0Edioabol42Klviw4=",
        },
        Vector {
            method: "GET",
            secret: "Sts+Secret/Key=1",
            params: &[
                ("AccessKeyId", "STS.NUgYrLnoC37mZZCNnAbez"),
                ("Action", "DescribeInstances"),
                ("Format", "JSON"),
                ("RegionId", "us-west-1"),
                ("MaxResults", "100"),
                ("NextToken", "caeba0bbb2be03f84eb48b699f0a****"),
                ("SecurityToken", "CAIS8gF1q6Ft5B2yfSjIr5bkE/3+h7Zx0ZTYZ2v1jTQ="),
                ("SignatureMethod", "HMAC-SHA1"),
                ("SignatureNonce", "7f3c2a10-0d4b-4e8e-9a55-3b1d9c2e4f60"),
                ("SignatureVersion", "1.0"),
                ("Timestamp", "2024-06-01T00:00:00Z"),
                ("Version", "2014-05-26"),
            ],
            string_to_sign: "GET&%2F&AccessKeyId%3DSTS.NUgYrLnoC37mZZCNnAbez%26Action%3DDescribeInstances%26Format%3DJSON%26MaxResults%3D100%26NextToken%3Dcaeba0bbb2be03f84eb48b699f0a%252A%252A%252A%252A%26RegionId%3Dus-west-1%26SecurityToken%3DCAIS8gF1q6Ft5B2yfSjIr5bkE%252F3%252Bh7Zx0ZTYZ2v1jTQ%253D%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D7f3c2a10-0d4b-4e8e-9a55-3b1d9c2e4f60%26SignatureVersion%3D1.0%26Timestamp%3D2024-06-01T00%253A00%253A00Z%26Version%3D2014-05-26",
            signature: "KHaDOjzR+1aM/XrXGuE2AkXbCMI=",
        },
        Vector {
            method: "POST",
            secret: "testsecret",
            params: &[
                ("AccessKeyId", "testid"),
                ("Action", "DescribeScalingGroups"),
                ("Format", "JSON"),
                ("RegionId", "cn-beijing"),
                ("PageNumber", "2"),
                ("PageSize", "50"),
                ("ScalingGroupId.1", "asg-bp1xxxx"),
                ("ScalingGroupId.10", "asg-bp10xxx"),
                ("ScalingGroupId.2", "asg-bp2xxxx"),
                ("ScalingGroupName", ""),
                ("aLowercaseKey", "x"),
                ("SignatureMethod", "HMAC-SHA1"),
                ("SignatureNonce", "00000000-0000-0000-0000-000000000001"),
                ("SignatureVersion", "1.0"),
                ("Timestamp", "2025-03-04T07:49:00Z"),
                ("Version", "2014-08-28"),
            ],
            string_to_sign: "POST&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeScalingGroups%26Format%3DJSON%26PageNumber%3D2%26PageSize%3D50%26RegionId%3Dcn-beijing%26ScalingGroupId.1%3Dasg-bp1xxxx%26ScalingGroupId.10%3Dasg-bp10xxx%26ScalingGroupId.2%3Dasg-bp2xxxx%26ScalingGroupName%3D%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D00000000-0000-0000-0000-000000000001%26SignatureVersion%3D1.0%26Timestamp%3D2025-03-04T07%253A49%253A00Z%26Version%3D2014-08-28%26aLowercaseKey%3Dx",
            signature: "DBwfhoPFTChv7ZUV+4WERGiJBao=",
        },
        Vector {
            method: "GET",
            secret: "testsecret",
            params: &[
                ("AccessKeyId", "testid"),
                ("Action", "DescribeContainerGroups"),
                ("Format", "JSON"),
                ("RegionId", "cn-shanghai"),
                ("Limit", "20"),
                ("Tag.1.Key", "app(name)!"),
                ("Tag.1.Value", "it's:ok;@$,"),
                ("SignatureMethod", "HMAC-SHA1"),
                ("SignatureNonce", "a1b2c3d4"),
                ("SignatureVersion", "1.0"),
                ("Timestamp", "2024-12-31T23:59:59Z"),
                ("Version", "2018-08-08"),
            ],
            string_to_sign: "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeContainerGroups%26Format%3DJSON%26Limit%3D20%26RegionId%3Dcn-shanghai%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Da1b2c3d4%26SignatureVersion%3D1.0%26Tag.1.Key%3Dapp%2528name%2529%2521%26Tag.1.Value%3Dit%2527s%253Aok%253B%2540%2524%252C%26Timestamp%3D2024-12-31T23%253A59%253A59Z%26Version%3D2018-08-08",
            signature: "pW7bL+QeKozMT0pqRSn79H64NCc=",
        },
    ];

    #[test]
    fn documented_vectors() {
        for (i, v) in VECTORS.iter().enumerate() {
            let query = canonical_query(v.params.iter().copied());
            assert_eq!(
                string_to_sign(v.method, &query),
                v.string_to_sign,
                "vector {}",
                i + 1
            );
            assert_eq!(
                signature(v.secret, v.string_to_sign),
                v.signature,
                "vector {}",
                i + 1
            );
        }
    }

    #[test]
    fn signed_query_carries_the_encoded_signature() {
        let v = &VECTORS[0];
        let query = signed_query(v.method, v.secret, v.params.iter().copied());
        assert!(
            query.ends_with("&Signature=CT9X0VtwR86fNWSnsc6v8YGOjuE%3D"),
            "{query}"
        );
        // A Signature parameter passed in is never signed.
        let mut with = v.params.to_vec();
        with.push(("Signature", "stale"));
        assert_eq!(signed_query(v.method, v.secret, with), query);
    }

    #[test]
    fn encoding_is_rfc3986_unreserved() {
        assert_eq!(percent_encode("a b+c*d~e/f"), "a%20b%2Bc%2Ad~e%2Ff");
        assert_eq!(percent_encode("é"), "%C3%A9");
    }
}
