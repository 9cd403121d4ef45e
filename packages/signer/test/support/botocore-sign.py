# Signs one request with botocore's SigV4Auth at a fixed instant; reads JSON on stdin, prints the signed headers as JSON.
import base64, datetime, json, sys
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

spec = json.load(sys.stdin)
fixed = datetime.datetime.strptime(spec["datetime"], "%Y%m%dT%H%M%SZ")
botocore.auth.get_current_datetime = lambda *args, **kwargs: fixed
body = base64.b64decode(spec["body"]) if spec.get("body") else None
request = AWSRequest(method=spec["method"], url=spec["url"], headers=spec["headers"], data=body)
credentials = Credentials(spec["accessKeyId"], spec["secretAccessKey"], spec.get("sessionToken"))
botocore.auth.SigV4Auth(credentials, spec["service"], spec["region"]).add_auth(request)
print(json.dumps(dict(request.headers.items())))
