//! The S3 backend: `aws-sdk-s3` for every call it covers, [`crate::post_policy`] for the
//! browser POST form it does not presign.

use std::sync::Arc;
use std::time::Duration;

use aws_sdk_s3::config::{
    BehaviorVersion, Credentials, Region, RequestChecksumCalculation, ResponseChecksumValidation,
};
use aws_sdk_s3::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;
use chrono::Utc;

use crate::post_policy::{SigV4Credentials, presign_post};
use crate::{DigestBuilder, ObjectDigest, PresignedDownload, PresignedUpload, StorageError, UploadPolicy};

/// Where and how to reach the bucket.
#[derive(Clone)]
pub struct S3Config {
    pub bucket: String,
    /// `us-east-1` unless told otherwise.
    pub region: String,
    /// An S3-compatible service (`https://minio.internal:9000`); `None` for AWS itself.
    pub endpoint: Option<String>,
    /// `https://host/bucket/key` instead of `https://bucket.host/key` (most self-hosted stores).
    pub force_path_style: bool,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl std::fmt::Debug for S3Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Config")
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("force_path_style", &self.force_path_style)
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}

/// A bucket on S3 or an S3-compatible store.
#[derive(Clone)]
pub struct S3Storage(Arc<Inner>);

impl std::fmt::Debug for S3Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("S3Storage").field(&self.0.config).finish()
    }
}

struct Inner {
    client: aws_sdk_s3::Client,
    config: S3Config,
    credentials: SigV4Credentials,
    /// Where browsers POST their uploads: the bucket's own address.
    post_url: String,
}

fn s3_error(operation: &'static str, error: impl std::error::Error) -> StorageError {
    StorageError::S3 { operation, message: DisplayErrorContext(error).to_string() }
}

impl S3Storage {
    pub fn new(config: S3Config) -> Result<S3Storage, StorageError> {
        if config.bucket.is_empty() || config.access_key_id.is_empty() || config.secret_access_key.is_empty() {
            return Err(StorageError::Config("S3 needs a bucket, an access key id and a secret access key".into()));
        }
        let post_url = bucket_url(&config)?;
        let credentials = SigV4Credentials {
            access_key_id: config.access_key_id.clone(),
            secret_access_key: config.secret_access_key.clone(),
            session_token: config.session_token.clone(),
        };
        let mut builder = aws_sdk_s3::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(config.region.clone()))
            .credentials_provider(Credentials::new(
                &config.access_key_id,
                &config.secret_access_key,
                config.session_token.clone(),
                None,
                "nourx-environment",
            ))
            .force_path_style(config.force_path_style)
            // The SDK's default adds CRC checksums (as aws-chunked trailers) to every upload, which
            // several S3-compatible stores do not accept; S3 itself does not require them.
            .request_checksum_calculation(RequestChecksumCalculation::WhenRequired)
            .response_checksum_validation(ResponseChecksumValidation::WhenRequired);
        if let Some(endpoint) = &config.endpoint {
            builder = builder.endpoint_url(endpoint.trim_end_matches('/'));
        }
        let client = aws_sdk_s3::Client::from_conf(builder.build());
        Ok(S3Storage(Arc::new(Inner { client, config, credentials, post_url })))
    }

    pub fn bucket(&self) -> &str {
        &self.0.config.bucket
    }

    pub fn describe(&self) -> String {
        let config = &self.0.config;
        match &config.endpoint {
            Some(endpoint) => format!("S3 bucket {} at {endpoint}", config.bucket),
            None => format!("S3 bucket {} ({})", config.bucket, config.region),
        }
    }

    /// Checks that the bucket answers with these credentials (at start-up, for a clear error).
    pub async fn check_bucket(&self) -> Result<(), StorageError> {
        self.0.client.head_bucket().bucket(self.bucket()).send().await.map_err(|e| s3_error("HeadBucket", e))?;
        Ok(())
    }

    pub(crate) async fn presign_upload(&self, policy: &UploadPolicy) -> Result<PresignedUpload, StorageError> {
        let inner = &self.0;
        Ok(presign_post(
            &inner.post_url,
            &inner.config.bucket,
            &inner.config.region,
            &inner.credentials,
            policy,
            Utc::now(),
        ))
    }

    pub(crate) async fn presign_download(
        &self,
        key: &str,
        disposition: &str,
        content_type: &str,
        expires_in: Duration,
    ) -> Result<PresignedDownload, StorageError> {
        // X-Amz-Date has whole seconds: sign at a whole second so that `expires_at` is exact.
        let signed_at = Utc::now().timestamp();
        let signed_at = chrono::DateTime::<Utc>::from_timestamp(signed_at, 0).unwrap_or_else(Utc::now);
        let presigning = PresigningConfig::builder()
            .start_time(signed_at.into())
            .expires_in(expires_in)
            .build()
            .map_err(|e| StorageError::InvalidRequest(e.to_string()))?;
        let request = self
            .0
            .client
            .get_object()
            .bucket(self.bucket())
            .key(key)
            .response_content_disposition(disposition)
            .response_content_type(content_type)
            .presigned(presigning)
            .await
            .map_err(|e| s3_error("presigning GetObject", e))?;
        let expires_at = signed_at + expires_in;
        Ok(PresignedDownload { url: request.uri().to_owned(), expires_at })
    }

    pub(crate) async fn digest(&self, key: &str) -> Result<Option<ObjectDigest>, StorageError> {
        let Some(mut body) = self.get_object(key).await? else { return Ok(None) };
        let mut digest = DigestBuilder::new();
        while let Some(chunk) = body.try_next().await.map_err(|e| s3_error("GetObject (body)", e))? {
            digest.update(&chunk);
        }
        Ok(Some(digest.finish()))
    }

    pub(crate) async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
        let Some(body) = self.get_object(key).await? else { return Ok(None) };
        let bytes = body.collect().await.map_err(|e| s3_error("GetObject (body)", e))?;
        Ok(Some(bytes.to_vec()))
    }

    async fn get_object(&self, key: &str) -> Result<Option<ByteStream>, StorageError> {
        match self.0.client.get_object().bucket(self.bucket()).key(key).send().await {
            Ok(output) => Ok(Some(output.body)),
            Err(error) if error.as_service_error().is_some_and(|e| e.is_no_such_key()) => Ok(None),
            Err(error) => Err(s3_error("GetObject", error)),
        }
    }

    pub(crate) async fn put(&self, key: &str, bytes: Vec<u8>, content_type: &str) -> Result<(), StorageError> {
        self.0
            .client
            .put_object()
            .bucket(self.bucket())
            .key(key)
            .content_type(content_type)
            .body(ByteStream::from(bytes))
            .send()
            .await
            .map_err(|e| s3_error("PutObject", e))?;
        Ok(())
    }

    /// `CopyObject`: atomic on the server, and it keeps the source's `Content-Type`. Keys need no
    /// URL encoding (see [`crate::validate_key`]), so the copy source is plain `bucket/key`.
    pub(crate) async fn copy(&self, from: &str, to: &str) -> Result<bool, StorageError> {
        let copied = self
            .0
            .client
            .copy_object()
            .bucket(self.bucket())
            .key(to)
            .copy_source(format!("{}/{from}", self.bucket()))
            .send()
            .await;
        match copied {
            Ok(_) => Ok(true),
            // CopyObject does not model a missing source: S3 answers 404 `NoSuchKey`.
            Err(error) if error.as_service_error().and_then(|e| e.code()) == Some("NoSuchKey") => Ok(false),
            Err(error) => Err(s3_error("CopyObject", error)),
        }
    }

    pub(crate) async fn delete(&self, key: &str) -> Result<(), StorageError> {
        self.0
            .client
            .delete_object()
            .bucket(self.bucket())
            .key(key)
            .send()
            .await
            .map_err(|e| s3_error("DeleteObject", e))?;
        Ok(())
    }
}

/// The address browsers POST to: `https://bucket.s3.region.amazonaws.com/` on AWS,
/// `endpoint/bucket` in path style, `scheme://bucket.endpoint-host/` otherwise.
fn bucket_url(config: &S3Config) -> Result<String, StorageError> {
    let bucket = &config.bucket;
    let endpoint = match &config.endpoint {
        Some(endpoint) => endpoint.trim_end_matches('/').to_owned(),
        None => format!("https://s3.{}.amazonaws.com", config.region),
    };
    if config.force_path_style {
        return Ok(format!("{endpoint}/{bucket}"));
    }
    let mut url = url::Url::parse(&endpoint)
        .map_err(|e| StorageError::Config(format!("S3_ENDPOINT {endpoint:?} is not a URL: {e}")))?;
    let host = url.host_str().ok_or_else(|| StorageError::Config(format!("S3_ENDPOINT {endpoint:?} has no host")))?;
    let host = format!("{bucket}.{host}");
    url.set_host(Some(&host)).map_err(|e| StorageError::Config(format!("bucket host {host:?}: {e}")))?;
    Ok(url.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(endpoint: Option<&str>, path_style: bool) -> S3Config {
        S3Config {
            bucket: "nourx-docs".into(),
            region: "eu-west-3".into(),
            endpoint: endpoint.map(str::to_owned),
            force_path_style: path_style,
            access_key_id: "AKIA".into(),
            secret_access_key: "secret".into(),
            session_token: None,
        }
    }

    #[test]
    fn browsers_post_to_the_bucket_address() {
        let url = |endpoint, path_style| bucket_url(&config(endpoint, path_style)).expect("url");
        assert_eq!(url(None, false), "https://nourx-docs.s3.eu-west-3.amazonaws.com/");
        assert_eq!(url(None, true), "https://s3.eu-west-3.amazonaws.com/nourx-docs");
        assert_eq!(url(Some("http://127.0.0.1:9000/"), true), "http://127.0.0.1:9000/nourx-docs");
        assert_eq!(url(Some("https://s3.example.net"), false), "https://nourx-docs.s3.example.net/");
        assert!(bucket_url(&config(Some("not a url"), false)).is_err());
    }

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let storage = S3Storage::new(config(None, false)).expect("storage");
        let printed = format!("{storage:?} {:?}", config(None, false));
        assert!(!printed.contains("secret"), "{printed}");
        assert!(S3Storage::new(S3Config { bucket: String::new(), ..config(None, false) }).is_err());
    }
}
