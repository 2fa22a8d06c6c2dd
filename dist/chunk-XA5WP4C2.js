
var t={"api-timeout":{kind:"duration",default:"30s",description:"Deadline of one GitHub API request (connect, headers and body; a 5xx or dropped connection is retried 3 times with backoff, a rate limit waits as GitHub asks)."}};export{t as a};
